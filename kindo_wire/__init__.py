"""kindo_wire."""
