"""Test configuration: bounded hypothesis profiles so CI time stays predictable."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "ci" (the default) is what .ci/run uses: derandomized, so a run is reproducible and a red CI
# means a change broke something, not that a new random example was drawn. "thorough" is the
# random, long local hunt: HYPOTHESIS_PROFILE=thorough uv run pytest
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
