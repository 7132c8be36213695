"""Plain records the fake keeps: requests, uploaded files, interactions, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class UploadedFile:
    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    index: int
    method: str
    path: str  # relative to /api/v10, e.g. /channels/1/messages
    template: str | None  # the spec path, e.g. /channels/{channel_id}/messages
    params: dict[str, str]
    query: dict[str, str]
    headers: dict[str, str]
    json: Any  # the JSON body, or the parsed payload_json of a multipart body
    files: list[UploadedFile] = field(default_factory=list)
    content_type: str | None = None
    status: int | None = None
    response: Any = None
    fault: str | None = None  # "rate_limit" / "fail" when the fake injected the answer
    errors: list[str] = field(default_factory=list)  # validation errors, if any

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def is_(self, method: str, template: str) -> bool:
        return self.method == method.upper() and self.template == template

    def __repr__(self) -> str:
        fault = f" {self.fault}" if self.fault else ""
        return f"<{self.method} {self.path} -> {self.status}{fault}>"


@dataclass
class Problem:
    """Something a test should fail on: an invalid body, an unknown route, a fake bug."""

    kind: str  # invalid_request, unexpected, rejected, invalid_response, late_interaction
    detail: str
    request: RecordedRequest | None = None
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"[{self.kind}] {self.detail}"
        if self.request is not None:
            head += f" ({self.request.method} {self.request.path})"
        if self.errors:
            head += "\n    " + "\n    ".join(self.errors)
        return head


@dataclass
class FakeInteraction:
    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete, 5 modal submit
    payload: dict[str, Any]
    user_id: int
    guild_id: int | None
    channel_id: int
    created_at: float  # loop time
    start_index: int  # len(fake.requests) when dispatched
    responded: bool = False
    response_type: int | None = None
    deferred_loading: bool = False  # a type-5 "thinking" message is showing
    ephemeral: bool = False
    original_message_id: int | None = None
    source_message_id: int | None = None  # the message a component was on
    source_edits: int = 0  # how often that message had been edited when the user clicked
    followup_ids: list[int] = field(default_factory=list)
    modal: dict[str, Any] | None = None
    modal_submitted: bool = False
    opener_id: int | None = None  # for a modal submit: the interaction that opened it
    choices: list[dict[str, Any]] | None = None
