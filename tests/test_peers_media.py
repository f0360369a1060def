"""Images, PDFs and tool-result media (PEERS.md §3 bugs 31-35).

One test per real bug of a peer gateway that concerns non-streaming conversion: each rebuilds the
peer's situation with a hand-written wire body and asserts what a correct gateway does, through
the public ``kw.convert_*`` API. The index of which bug is tested where: ``tests/peers_helpers.py``.
"""

from __future__ import annotations

from typing import Any

import kindo_wire as kw
from tests.peers_helpers import (
    PDF_B64,
    PNG_B64,
    am_blocks,
    chat_text,
    codes,
    losses,
    request,
)

# === F. Images, PDFs, tool-result media ==========================================================

PDF_DOC = {
    "type": "document",
    "source": {"type": "base64", "media_type": "application/pdf", "data": PDF_B64},
    "title": "report.pdf",
}
PNG_IMAGE = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_B64}}
PDF_URL = f"data:application/pdf;base64,{PDF_B64}"
PNG_URL = f"data:image/png;base64,{PNG_B64}"


def test_bug31_document_block_reaches_openai() -> None:
    """31. musistudio/llms#68: CCR's Anthropic→OpenAI transform silently drops `document` (PDF) blocks."""
    untitled = {k: v for k, v in PDF_DOC.items() if k != "title"}
    for doc in (PDF_DOC, untitled):
        body = {
            "model": "gpt-4o",
            "max_tokens": 1024,
            "messages": [
                {"role": "user", "content": [doc, {"type": "text", "text": "Summarize this report."}]}
            ],
        }
        chat = request(body, "messages", "chat")
        (user,) = [m for m in chat.body["messages"] if m["role"] == "user"]
        files = [p for p in user["content"] if p["type"] == "file"]
        assert len(files) == 1
        assert files[0]["file"]["file_data"] == PDF_URL
        # OpenAI rejects inline file_data without a filename (400 "Missing required parameter ...file_id").
        assert has_filename(files[0]["file"])
        assert [p["text"] for p in user["content"] if p["type"] == "text"] == ["Summarize this report."]
        assert "unsupported_part" not in codes(chat)
        rs = request(body, "messages", "responses")
        parts = [
            p for item in rs.body["input"] if isinstance(item.get("content"), list) for p in item["content"]
        ]
        (pdf,) = [p for p in parts if p["type"] == "input_file"]
        assert pdf["file_data"] == PDF_URL
        assert has_filename(pdf)
        assert "unsupported_part" not in codes(rs)


def has_filename(file: dict[str, Any]) -> bool:
    """OpenAI needs ``filename`` beside inline ``file_data`` (Chat ``file`` and Responses ``input_file``)."""
    return isinstance(file.get("filename"), str) and file["filename"] != ""


def am_tool_result_body(result_content: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "model": "gpt-4o",
        "max_tokens": 1024,
        "messages": [
            {"role": "user", "content": "Read the report and the screenshot."},
            {
                "role": "assistant",
                "content": [
                    {
                        "type": "tool_use",
                        "id": "toolu_01Read",
                        "name": "Read",
                        "input": {"file_path": "/tmp/x"},
                    }
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_01Read", "content": result_content},
                    {"type": "text", "text": "What does it say?"},
                ],
            },
        ],
        "tools": [
            {
                "name": "Read",
                "description": "Read a file",
                "input_schema": {
                    "type": "object",
                    "properties": {"file_path": {"type": "string"}},
                    "required": ["file_path"],
                },
            }
        ],
    }


def moved_media(chat_body: dict[str, Any], kind: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The tool message for toolu_01Read and the media parts of ``kind`` in user messages after it."""
    messages = chat_body["messages"]
    index = next(i for i, m in enumerate(messages) if m["role"] == "tool")
    tool = messages[index]
    assert tool["tool_call_id"] == "toolu_01Read"
    content = tool["content"]
    assert isinstance(content, str) or all(part["type"] == "text" for part in content)  # Chat: text only
    later = [
        p
        for m in messages[index + 1 :]
        if m["role"] == "user" and isinstance(m["content"], list)
        for p in m["content"]
        if p["type"] == kind
    ]
    return tool, later


def test_bug32_pdf_in_tool_result_reaches_openai() -> None:
    """32. BerriAI/litellm#38261: Claude Code PDF `Read` tool_result documents never reach OpenAI models;
    the model sees only a text stub."""
    body = am_tool_result_body([{"type": "text", "text": "PDF file read: report.pdf (1 page)"}, PDF_DOC])
    chat = request(body, "messages", "chat")
    tool, files = moved_media(chat.body, "file")
    assert "report.pdf (1 page)" in chat_text(tool)
    assert [f["file"]["file_data"] for f in files] == [PDF_URL]
    assert all(has_filename(f["file"]) for f in files)
    (loss,) = losses(chat, "tool_result_media_moved")
    assert loss.severity == kw.Severity.DEGRADED
    assert loss.pointer.startswith("/messages/2/content/0")
    # Responses carries files in function_call_output directly.
    rs = request(body, "messages", "responses")
    (output,) = [item for item in rs.body["input"] if item.get("type") == "function_call_output"]
    assert output["call_id"] == "toolu_01Read"
    assert [p["file_data"] for p in output["output"] if p["type"] == "input_file"] == [PDF_URL]
    assert all(has_filename(p) for p in output["output"] if p["type"] == "input_file")
    assert "tool_result_media_moved" not in codes(rs)


def test_bug33_image_in_tool_result_survives() -> None:
    """33. ggml-org/llama.cpp#22536: images in `tool_result` dropped in the Anthropic→OAI conversion
    (screenshots)."""
    body = am_tool_result_body([{"type": "text", "text": "Screenshot taken."}, PNG_IMAGE])
    chat = request(body, "messages", "chat")
    tool, images = moved_media(chat.body, "image_url")
    assert "Screenshot taken." in chat_text(tool)
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    assert [loss.severity for loss in losses(chat, "tool_result_media_moved")] == [kw.Severity.DEGRADED]
    # The user's own text still follows the result.
    assert any("What does it say?" in chat_text(m) for m in chat.body["messages"] if m["role"] == "user")
    rs = request(body, "messages", "responses")
    (output,) = [item for item in rs.body["input"] if item.get("type") == "function_call_output"]
    assert [p["image_url"] for p in output["output"] if p["type"] == "input_image"] == [PNG_URL]
    assert "tool_result_media_moved" not in codes(rs)
    # A screenshot-only result (the common computer-use case) still reaches the model.
    only = am_tool_result_body([PNG_IMAGE])
    only["messages"][2]["content"] = only["messages"][2]["content"][:1]
    chat = request(only, "messages", "chat")
    _, images = moved_media(chat.body, "image_url")
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    assert [loss.pointer for loss in losses(chat, "tool_result_media_moved")] == [
        "/messages/2/content/0/content/0"
    ]


def test_bug34_chat_tool_message_never_carries_image_url() -> None:
    """34. PrimeIntellect-ai/verifiers#1539: Chat `tool` messages cannot carry `image_url`, so images must
    be split into a follow-up user message."""
    body = {
        "model": "gpt-4o",
        "input": [
            {"role": "user", "content": "Take a screenshot of the page."},
            {
                "type": "function_call",
                "call_id": "call_shot1",
                "name": "Read",
                "arguments": '{"file_path":"/s"}',
            },
            {
                "type": "function_call_output",
                "call_id": "call_shot1",
                "output": [
                    {"type": "input_text", "text": "Screenshot taken."},
                    {"type": "input_image", "image_url": PNG_URL, "detail": "auto"},
                ],
            },
        ],
        "max_output_tokens": 1024,
    }
    chat = request(body, "responses", "chat")
    messages = chat.body["messages"]
    index = next(i for i, m in enumerate(messages) if m["role"] == "tool")
    tool = messages[index]
    assert tool["tool_call_id"] == "call_shot1"
    assert isinstance(tool["content"], str) or all(p["type"] == "text" for p in tool["content"])
    assert "Screenshot taken." in chat_text(tool)
    images = [
        p
        for m in messages[index + 1 :]
        if m["role"] == "user" and isinstance(m["content"], list)
        for p in m["content"]
        if p["type"] == "image_url"
    ]
    assert [img["image_url"]["url"] for img in images] == [PNG_URL]
    (loss,) = losses(chat, "tool_result_media_moved")
    assert loss.pointer.startswith("/input/2")
    # Anthropic tool_result blocks hold images: kept in place.
    am = request(body, "responses", "messages")
    (result,) = [b for b in am_blocks(am.body) if b["type"] == "tool_result"]
    assert result["tool_use_id"] == "call_shot1"
    assert [b for b in result["content"] if b["type"] == "image"] == [PNG_IMAGE]
    assert "tool_result_media_moved" not in codes(am)


def test_bug35_pdf_url_and_pdf_data_reach_anthropic_as_documents() -> None:
    """35. Portkey-AI/gateway#1075: PDF URLs not supported for Anthropic (#827 added a
    `data:application/pdf` hack through `image_url`)."""
    rs_body = {
        "model": "claude-sonnet-4-5",
        "max_output_tokens": 1024,
        "input": [
            {
                "role": "user",
                "content": [
                    {"type": "input_file", "file_url": "https://arxiv.org/pdf/1706.03762"},
                    {"type": "input_text", "text": "Summarize this paper."},
                ],
            }
        ],
    }
    am = request(rs_body, "responses", "messages")
    (doc,) = [b for b in am_blocks(am.body) if b["type"] == "document"]
    assert doc["source"] == {"type": "url", "url": "https://arxiv.org/pdf/1706.03762"}
    assert "unsupported_part" not in codes(am)
    chat_body = {
        "model": "claude-sonnet-4-5",
        "max_completion_tokens": 1024,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "file", "file": {"file_data": PDF_URL, "filename": "report.pdf"}},
                    {"type": "text", "text": "Summarize this report."},
                ],
            }
        ],
    }
    am = request(chat_body, "chat", "messages")
    blocks = am_blocks(am.body)
    (doc,) = [b for b in blocks if b["type"] == "document"]
    assert doc["source"] == {"type": "base64", "media_type": "application/pdf", "data": PDF_B64}
    assert not any(b["type"] == "image" for b in blocks)  # never a PDF smuggled in an image block
