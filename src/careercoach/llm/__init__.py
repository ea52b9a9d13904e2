"""The model gateway: the only package that talks to LiteLLM (imported lazily, on first call).

Use `careercoach.llm.settings.resolve_settings` and `careercoach.llm.gateway.Gateway`;
importing this package imports nothing heavy.
"""
