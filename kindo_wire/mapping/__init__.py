"""Mappings shared by every codec: ids, tool names, reasoning effort, media URLs, reasoning stash."""
