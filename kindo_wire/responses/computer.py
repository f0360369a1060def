"""Responses computer-use items: ``computer_call`` with its actions, and ``computer_call_output``."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import OpenUnion, UnknownTyped, WireModel


# [OA:responses/response_computer_tool_call.py] PendingSafetyCheck
class SafetyCheck(WireModel):
    """A pending (call) or acknowledged (output) safety check."""

    id: str
    code: str | None = None
    message: str | None = None


# [OA:responses/computer_action.py] Click
class ClickAction(WireModel):
    """Click at a point."""

    type: Literal["click"]
    button: str
    x: int
    y: int
    keys: list[str] | None = None


# [OA:responses/computer_action.py] DoubleClick
class DoubleClickAction(WireModel):
    """Double-click at a point."""

    type: Literal["double_click"]
    x: int
    y: int
    keys: list[str] | None = None


# [OA:responses/computer_action.py] DragPath
class DragPoint(WireModel):
    """A point of a drag path."""

    x: int
    y: int


# [OA:responses/computer_action.py] Drag
class DragAction(WireModel):
    """Drag along a path."""

    type: Literal["drag"]
    path: list[DragPoint]
    keys: list[str] | None = None


# [OA:responses/computer_action.py] Keypress
class KeypressAction(WireModel):
    """Press a key combination."""

    type: Literal["keypress"]
    keys: list[str]


# [OA:responses/computer_action.py] Move
class MoveAction(WireModel):
    """Move the pointer."""

    type: Literal["move"]
    x: int
    y: int
    keys: list[str] | None = None


# [OA:responses/computer_action.py] Screenshot
class ScreenshotAction(WireModel):
    """Take a screenshot."""

    type: Literal["screenshot"]


# [OA:responses/computer_action.py] Scroll
class ScrollAction(WireModel):
    """Scroll at a point."""

    type: Literal["scroll"]
    x: int
    y: int
    scroll_x: int
    scroll_y: int
    keys: list[str] | None = None


# [OA:responses/computer_action.py] Type
class TypeAction(WireModel):
    """Type text."""

    type: Literal["type"]
    text: str


# [OA:responses/computer_action.py] Wait
class WaitAction(WireModel):
    """Wait."""

    type: Literal["wait"]


ComputerAction = Annotated[
    Union[  # noqa: UP007
        ClickAction,
        DoubleClickAction,
        DragAction,
        KeypressAction,
        MoveAction,
        ScreenshotAction,
        ScrollAction,
        TypeAction,
        WaitAction,
        UnknownTyped,
    ],
    OpenUnion("type"),
]


# [OA:responses/response_computer_tool_call.py]
class ComputerCall(WireModel):
    """A computer-use call: one ``action`` (preview) or a batch of ``actions``."""

    type: Literal["computer_call"]
    id: str
    call_id: str
    pending_safety_checks: list[SafetyCheck]
    status: str
    action: ComputerAction | None = None
    actions: list[ComputerAction] | None = None


# [OA:responses/response_computer_tool_call_output_screenshot.py]
class ComputerScreenshot(WireModel):
    """A screenshot by URL or uploaded file."""

    type: Literal["computer_screenshot"]
    file_id: str | None = None
    image_url: str | None = None


# [OA:responses/response_computer_tool_call_output_item.py]
class ComputerCallOutput(WireModel):
    """The result of a computer-use call."""

    type: Literal["computer_call_output"]
    call_id: str
    output: ComputerScreenshot
    id: str | None = None
    acknowledged_safety_checks: list[SafetyCheck] | None = None
    status: str | None = None
    created_by: str | None = None
