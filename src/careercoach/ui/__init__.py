"""Rendering: Rich for people, JSON for scripts. Nothing here decides; it only shows."""
