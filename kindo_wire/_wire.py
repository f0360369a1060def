"""Shared machinery of the three wire schemas: the base model, open tagged unions, dumping.

Rules every schema module follows (they are what make parse -> dump an identity):

* Only JSON-native field types: ``str``, ``int``, ``Number``, ``bool``, lists, dicts, models.
  No ``datetime``, ``Enum`` or ``Decimal``: those re-format values on the way out.
* ``Number`` (``int | float``) for every non-integer numeric field, so ``1`` stays ``1`` and
  ``1.0`` stays ``1.0``.
* Types are checked strictly: a gateway must reject ``"max_tokens": "100"``, not coerce it.
* Unknown fields are kept (``extra="allow"``) and dumped back in place.
* Dumping writes back exactly the fields that were given (``exclude_unset``): no ``null`` is invented.
* Every union of tagged objects is an ``OpenUnion``: an unknown tag parses into the union's
  catch-all member instead of failing, because the APIs add block, item and event types often.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema, from_json
from typing_extensions import Self

from .validation.pydantic_errors import KNOWN_TAG_ERROR

Number = Union[int, float]  # noqa: UP007 - a runtime alias; pydantic's smart union keeps int vs float
"""A JSON number that keeps its own spelling: ints stay ints, floats stay floats."""

JSONObject = dict[str, Any]
"""A free-form JSON object carried verbatim (JSON Schema, tool input, metadata)."""

UNKNOWN_TAG = "__unknown__"


class WireModel(BaseModel):
    """Base of every wire object."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        populate_by_name=True,
        protected_namespaces=(),
        ser_json_inf_nan="constants",
    )

    @classmethod
    def parse(cls, raw: bytes | bytearray | str) -> Self:
        """The model of a raw JSON body: the fast path from bytes.

        Parsing to Python values first and validating those beats ``model_validate_json`` on
        these schemas, because an open union with a Python discriminator would otherwise make
        pydantic-core copy each JSON item into Python objects anyway (measured in benchmarks/).
        """
        return cls.model_validate(from_json(raw))

    def dump(self) -> JSONObject:
        """The JSON-ready dict of exactly what was parsed (unknown fields included)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def dump_json(self) -> bytes:
        """The JSON bytes of exactly what was parsed (unknown fields included)."""
        return self.__pydantic_serializer__.to_json(self, by_alias=True, exclude_unset=True)


class UnknownTyped(WireModel):
    """Catch-all member of a ``type``-tagged union: an object of a type this version does not know.

    It is kept verbatim, so a gateway forwards it and a later converter can report it.
    """

    type: str


def _tag_values(model: Any, key: str) -> tuple[str, ...]:
    """The literal values a union member declares for its tag field (empty for a catch-all)."""
    fields = getattr(model, "model_fields", None)
    if not fields or key not in fields:
        return ()
    annotation = fields[key].annotation
    if get_origin(annotation) is Union:  # e.g. Literal["message"] | None for an optional tag
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if get_origin(annotation) is not Literal:
        return ()
    return tuple(str(v) for v in get_args(annotation))


@dataclass(frozen=True)
class OpenUnion:
    """Marks ``Annotated[Union[A, B, ..., CatchAll], OpenUnion("type")]`` as a tagged union.

    Members declare their tag as ``Literal[...]`` on the field ``key``. The one member whose tag
    field is not a literal is the catch-all and receives every unknown tag. ``default`` is the tag
    assumed when the key is absent (a Responses input message may omit ``type``); ``infer`` may
    pick a tag from the raw object when the key is absent (an ``item_reference`` may omit it too).
    """

    key: str = "type"
    default: str | None = None
    infer: Callable[[dict[str, Any]], str | None] | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        choices: dict[Hashable, CoreSchema] = {}
        class_tags: dict[type, str] = {}  # a built model's own tag, even when its tag field is unset
        fallback: Any = None
        for member in get_args(source):
            tags = _tag_values(member, self.key)
            if not tags:
                if fallback is not None:
                    raise TypeError(f"{source}: more than one catch-all member")
                fallback = member
                continue
            member_schema = handler.generate_schema(member)
            class_tags[member] = tags[0]
            for tag in tags:
                choices[tag] = member_schema
        if fallback is None:
            raise TypeError(f"{source}: an open union needs a catch-all member")
        known = frozenset(choices)
        if self.default is None and self.infer is None:
            return self._fast_schema(choices, known, handler.generate_schema(fallback))
        choices[UNKNOWN_TAG] = handler.generate_schema(fallback)
        return core_schema.tagged_union_schema(
            choices,
            discriminator=self._discriminator(known, class_tags),
            custom_error_type="invalid_union_member",
            custom_error_message="Input does not match any member of the union",
        )

    def _fast_schema(
        self, choices: dict[Hashable, CoreSchema], known: frozenset[Hashable], fallback: CoreSchema
    ) -> CoreSchema:
        """A tag-keyed union resolved in Rust, then the catch-all for tags it does not know.

        pydantic-core looks the tag up itself, so the common case costs no Python call; only an
        object the tagged union refuses reaches the catch-all, which takes it unless its tag is a
        known one (a known member that failed must report its own error, not turn into "unknown").
        """
        key = self.key

        def not_a_known_tag(value: Any) -> Any:
            tag = getattr(value, key, None)
            if tag in known:
                raise PydanticCustomError(
                    KNOWN_TAG_ERROR,
                    "{key} {tag!r} is known, so its own member's errors apply",
                    {"key": key, "tag": tag},
                )
            return value

        return core_schema.union_schema(
            [
                core_schema.tagged_union_schema(choices, discriminator=key),
                core_schema.no_info_after_validator_function(not_a_known_tag, fallback),
            ],
            mode="left_to_right",
        )

    def _discriminator(
        self, known: frozenset[Hashable], class_tags: dict[type, str]
    ) -> Callable[[Any], Hashable]:
        key, default, infer = self.key, self.default, self.infer

        def discriminate(value: Any) -> Hashable:
            if isinstance(value, dict):
                tag = value.get(key)
                if tag is None:
                    tag = infer(value) if infer is not None else None
                    if tag is None:
                        tag = default
            else:  # an already-built model, when dumping or re-validating
                tag = class_tags.get(type(value)) or getattr(value, key, None) or default
            if isinstance(tag, str) and tag in known:
                return tag
            return UNKNOWN_TAG

        return discriminate
