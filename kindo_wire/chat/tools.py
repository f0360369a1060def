"""Chat Completions tools: definitions, ``tool_choice`` forms, tool calls and legacy functions."""

from __future__ import annotations

from typing import Annotated, Literal

from kindo_wire._wire import JSONObject, OpenUnion, UnknownTyped, WireModel

# ---------------------------------------------------------------------------------------------
# Tool definitions (request ``tools[]``)


# [OA:shared_params/function_definition.py]
class FunctionDefinition(WireModel):
    """A function the model may call; also the item of the deprecated ``functions`` list."""

    name: str
    description: str | None = None
    parameters: JSONObject | None = None
    strict: bool | None = None


# [OA:chat/chat_completion_function_tool_param.py]
class FunctionTool(WireModel):
    """A JSON-arguments function tool."""

    type: Literal["function"]
    function: FunctionDefinition


# [OA:chat/chat_completion_custom_tool_param.py] CustomFormatText
class CustomToolTextFormat(WireModel):
    """Unconstrained free-form text input."""

    type: Literal["text"]


# [OA:chat/chat_completion_custom_tool_param.py] CustomFormatGrammarGrammar
class CustomToolGrammar(WireModel):
    """A grammar the custom tool's input must match."""

    definition: str
    syntax: Literal["lark", "regex"]


# [OA:chat/chat_completion_custom_tool_param.py] CustomFormatGrammar
class CustomToolGrammarFormat(WireModel):
    """Input constrained by a grammar."""

    type: Literal["grammar"]
    grammar: CustomToolGrammar


CustomToolFormat = Annotated[
    CustomToolTextFormat | CustomToolGrammarFormat | UnknownTyped,
    OpenUnion("type"),
]


# [OA:chat/chat_completion_custom_tool_param.py] Custom
class CustomToolDefinition(WireModel):
    """A tool taking a free-form string input."""

    name: str
    description: str | None = None
    format: CustomToolFormat | None = None


# [OA:chat/chat_completion_custom_tool_param.py]
class CustomTool(WireModel):
    """A custom (free-form input) tool."""

    type: Literal["custom"]
    custom: CustomToolDefinition


Tool = Annotated[FunctionTool | CustomTool | UnknownTyped, OpenUnion("type")]

# ---------------------------------------------------------------------------------------------
# tool_choice


# [OA:chat/chat_completion_named_tool_choice_param.py] Function
class ToolName(WireModel):
    """The name of a tool (function or custom)."""

    name: str


# [OA:chat/chat_completion_named_tool_choice_param.py]
class NamedFunctionToolChoice(WireModel):
    """Force a call to the named function tool."""

    type: Literal["function"]
    function: ToolName


# [OA:chat/chat_completion_named_tool_choice_custom_param.py]
class NamedCustomToolChoice(WireModel):
    """Force a call to the named custom tool."""

    type: Literal["custom"]
    custom: ToolName


# [OA:chat/chat_completion_allowed_tools_param.py]
class AllowedTools(WireModel):
    """The subset of ``tools`` the model may use; ``tools`` items are tool-choice-like objects."""

    mode: Literal["auto", "required"]
    tools: list[JSONObject]


# [OA:chat/chat_completion_allowed_tool_choice_param.py]
class AllowedToolsChoice(WireModel):
    """Restrict the model to a subset of the tools."""

    type: Literal["allowed_tools"]
    allowed_tools: AllowedTools


ToolChoiceObject = Annotated[
    NamedFunctionToolChoice | NamedCustomToolChoice | AllowedToolsChoice | UnknownTyped,
    OpenUnion("type"),
]

# [OA:chat/chat_completion_tool_choice_option_param.py]
ToolChoice = Literal["none", "auto", "required"] | ToolChoiceObject

# [OA:chat/completion_create_params.py] FunctionCall (deprecated ``function_call`` request field)
FunctionCallChoice = Literal["none", "auto"] | ToolName

# ---------------------------------------------------------------------------------------------
# Tool calls (assistant message, request replay and response)


# [OA:chat/chat_completion_message_function_tool_call_param.py] Function
class FunctionCall(WireModel):
    """A function name and its JSON-text arguments (may be invalid JSON); also the legacy
    ``function_call`` of an assistant message."""

    name: str
    arguments: str


# [OA:chat/chat_completion_message_function_tool_call_param.py]
class FunctionToolCall(WireModel):
    """A call of a function tool."""

    id: str
    type: Literal["function"]
    function: FunctionCall


# [OA:chat/chat_completion_message_custom_tool_call_param.py] Custom
class CustomCall(WireModel):
    """A custom tool name and its free-form input."""

    name: str
    input: str


# [OA:chat/chat_completion_message_custom_tool_call_param.py]
class CustomToolCall(WireModel):
    """A call of a custom tool."""

    id: str
    type: Literal["custom"]
    custom: CustomCall


ToolCall = Annotated[
    FunctionToolCall | CustomToolCall | UnknownTyped,
    OpenUnion("type"),
]
