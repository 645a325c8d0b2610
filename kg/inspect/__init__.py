"""Inspecting a graph: evaluation against gold facts, and everything it says of one entity."""
