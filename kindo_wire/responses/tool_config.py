"""Configuration objects of hosted tools: containers, shell environments, skills, file_search filters."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from kindo_wire._wire import Number, OpenUnion, UnknownTyped, WireModel

# --- containers, environments and skills (code_interpreter, shell) ---


# [OA:responses/container_network_policy_disabled_param.py]
class NetworkPolicyDisabled(WireModel):
    """No network access from the container."""

    type: Literal["disabled"]


# [OA:responses/container_network_policy_domain_secret_param.py]
class DomainSecret(WireModel):
    """A secret injected for requests to one domain."""

    domain: str
    name: str
    value: str


# [OA:responses/container_network_policy_allowlist_param.py]
class NetworkPolicyAllowlist(WireModel):
    """Network access restricted to listed domains."""

    type: Literal["allowlist"]
    allowed_domains: list[str]
    domain_secrets: list[DomainSecret] | None = None


NetworkPolicy = Annotated[
    Union[NetworkPolicyDisabled, NetworkPolicyAllowlist, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/skill_reference_param.py]
class SkillReference(WireModel):
    """A stored skill by id."""

    type: Literal["skill_reference"]
    skill_id: str
    version: str | None = None


# [OA:responses/inline_skill_source_param.py]
class InlineSkillSource(WireModel):
    """A zipped skill, base64-encoded."""

    type: Literal["base64"]
    media_type: str
    data: str


# [OA:responses/inline_skill_param.py]
class InlineSkill(WireModel):
    """A skill given inline."""

    type: Literal["inline"]
    name: str
    description: str
    source: InlineSkillSource


Skill = Annotated[
    Union[SkillReference, InlineSkill, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]


# [OA:responses/local_skill_param.py]
class LocalSkill(WireModel):
    """A skill available on the client's machine."""

    name: str
    description: str
    path: str


# [OA:responses/container_auto_param.py]
class ContainerAuto(WireModel):
    """A container created automatically for a shell tool."""

    type: Literal["container_auto"]
    file_ids: list[str] | None = None
    memory_limit: str | None = None
    network_policy: NetworkPolicy | None = None
    skills: list[Skill] | None = None


# [OA:responses/local_environment_param.py]
class LocalEnvironment(WireModel):
    """The client's own machine runs the shell commands."""

    type: Literal["local"]
    skills: list[LocalSkill] | None = None


# [OA:responses/container_reference_param.py]
class ContainerReference(WireModel):
    """An existing container by id."""

    type: Literal["container_reference"]
    container_id: str


Environment = Annotated[
    Union[ContainerAuto, LocalEnvironment, ContainerReference, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
"""Where a shell tool (or one shell call) runs."""


# [OA:responses/tool_param.py] CodeInterpreterContainerCodeInterpreterToolAuto
class CodeInterpreterContainerAuto(WireModel):
    """A container created automatically for code_interpreter."""

    type: Literal["auto"]
    file_ids: list[str] | None = None
    memory_limit: str | None = None
    network_policy: NetworkPolicy | None = None


CodeInterpreterContainer = Annotated[
    Union[CodeInterpreterContainerAuto, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]

# --- file_search filters ---


# [OA:shared_params/comparison_filter.py]
class ComparisonFilter(WireModel):
    """Compare an attribute ``key`` with ``value``."""

    type: Literal["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"]
    key: str
    value: str | Number | bool | list[str | Number]


# [OA:shared_params/compound_filter.py]
class CompoundFilter(WireModel):
    """Combine filters with ``and`` / ``or``."""

    type: Literal["and", "or"]
    filters: list[FileSearchFilter]


FileSearchFilter = Annotated[
    Union[ComparisonFilter, CompoundFilter, UnknownTyped],  # noqa: UP007
    OpenUnion("type"),
]
CompoundFilter.model_rebuild()
