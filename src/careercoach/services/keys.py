"""Store, list and remove model API keys in the OS keyring, safely.

This adds to careercoach.llm.keys what a person's command needs: provider-name and key
validation, refusing plain-text keyring backends unless opted in, reading the key back after
storing it, and results that carry a masked key only. No message built here ever contains a
key: errors from keyring backends are reduced to their type and a scrubbed message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careercoach.errors import BadInput, NotConfigured, NotFound
from careercoach.llm import keys as llm_keys
from careercoach.llm.keys import Backend

# Longer than any provider's key by far; a bigger paste is a file or a mistake.
MAX_KEY_LENGTH = 4096


@dataclass(frozen=True)
class KeyEntry:
    """One key careercoach can see: where it comes from, masked, and whether it is the one used."""

    provider: str
    source: str  # "env" | "keyring"
    masked: str
    env_var: str  # the variable holding it, or the one that would win over the keyring
    active: bool  # False for a keyring key hidden by the provider's environment variable


@dataclass(frozen=True)
class KeyListing:
    keys: list[KeyEntry]
    backend: str | None  # None when the keyring could not be read
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SetResult:
    provider: str
    masked: str
    backend: str
    warning: str | None  # set when an insecure backend was used by opt-in
    env_override: str | None  # the environment variable that wins over the stored key


@dataclass(frozen=True)
class RemoveResult:
    provider: str
    backend: str
    env_override: str | None


def mask(key: str) -> str:
    """Show at most the last 4 characters, and never more than a quarter of a short key."""
    shown = min(4, len(key) // 4)
    return "…" + (key[-shown:] if shown else "")


def validate_provider(name: str) -> str:
    """Return the provider as LiteLLM spells it; BadInput for anything else."""
    provider = llm_keys.canonical_provider(name)
    if provider is None:
        raise BadInput(
            f"invalid provider name {name[:40]!r}",
            hint="use the LiteLLM provider name: lowercase letters, digits, _ and - "
            "(openai, anthropic, gemini, mistral, groq, ...)",
        )
    return provider


def validate_key(raw: str) -> str:
    """The key without surrounding whitespace; BadInput when empty or clearly not one key."""
    key = raw.strip()
    if not key:
        raise BadInput("the API key is empty", hint="paste the key, or pipe it on stdin")
    if len(key) > MAX_KEY_LENGTH:
        raise BadInput("the input is too long to be an API key", hint="give only the key")
    if any(ch.isspace() or not ch.isprintable() for ch in key):
        # Never echo it: a pasted line may still be mostly the key.
        raise BadInput(
            "the API key contains spaces, line breaks or control characters",
            hint="give only the key itself, on one line",
        )
    return key


def _refusal_hint(provider: str) -> str:
    return (
        f"export {llm_keys.env_var_for(provider)}=... instead; or install and unlock a Secret "
        "Service such as gnome-keyring; or, accepting that the key is stored readable, "
        "run 'careercoach config set insecure_keyring true'"
    )


def _backend(provider: str, *, for_writing: bool) -> tuple[Backend, str | None]:
    """The usable backend and a warning; refuses insecure ones for writing unless opted in."""
    backend = llm_keys.current_backend(provider)
    if backend.insecure_reason is None:
        return backend, None
    if for_writing and not llm_keys.insecure_allowed():
        raise NotConfigured(
            f"the keyring backend {backend.name} {backend.insecure_reason}; refusing to use it",
            hint=_refusal_hint(provider),
        )
    return backend, f"the keyring backend {backend.name} {backend.insecure_reason}"


def set_key(provider: str, secret: str) -> SetResult:
    """Store the key in the keyring and read it back; the result shows it masked only."""
    provider = validate_provider(provider)
    key = validate_key(secret)
    with llm_keys.keyring_errors(provider, key):
        backend, warning = _backend(provider, for_writing=True)
        backend.keyring.set_password(llm_keys.SERVICE, provider, key)
        stored = llm_keys.read_key(backend, provider)
    if stored != key:
        raise NotConfigured(
            f"the keyring backend {backend.name} did not keep the {provider} key "
            "(reading it back gave something else)",
            hint=_refusal_hint(provider),
        )
    _remember(backend, provider, present=True)
    env = llm_keys.key_from_env(provider)
    return SetResult(provider, mask(key), backend.name, warning, env.var if env else None)


def remove_key(provider: str) -> RemoveResult:
    """Delete the provider's key from the keyring (an insecure backend too: that is safer)."""
    provider = validate_provider(provider)
    env = llm_keys.key_from_env(provider)
    with llm_keys.keyring_errors(provider):
        backend, _warning = _backend(provider, for_writing=False)
        if llm_keys.read_key(backend, provider) is None:
            hint = "'careercoach key list' shows the keys careercoach can see"
            if env:
                hint = f"the key in use comes from ${env.var}: unset it in your shell"
            raise NotFound(f"no {provider} key is stored in the keyring", hint=hint)
        backend.keyring.delete_password(llm_keys.SERVICE, provider)
    _remember(backend, provider, present=False)
    return RemoveResult(provider, backend.name, env.var if env else None)


def _remember(backend: Backend, provider: str, *, present: bool) -> None:
    # Best effort: the index only helps `key list` find providers it does not know by name.
    try:
        names = set(llm_keys.read_index(backend))
        if (provider in names) == present:
            return
        names = names | {provider} if present else names - {provider}
        llm_keys.write_index(backend, names)
    except Exception:
        pass


def list_keys() -> KeyListing:
    """Every provider with a key in the environment or the keyring, env first (it wins)."""
    warnings: list[str] = []
    stored: dict[str, str] = {}
    backend_name: str | None = None
    try:
        backend, warning = _backend("openai", for_writing=False)
        if warning and not llm_keys.insecure_allowed():
            warnings.append(f"{warning}; its keys are not used (insecure_keyring is off)")
        else:
            backend_name = backend.name
            if warning:
                warnings.append(warning)
            stored = _stored_keys(backend)
    except NotConfigured as exc:
        warnings.append(f"keyring not read: {exc.message}")
    except Exception as exc:  # a locked or broken keyring must not hide the environment's keys
        warnings.append(f"keyring not read: {type(exc).__name__}")

    providers = set(llm_keys.known_providers()) | set(stored)
    entries: list[KeyEntry] = []
    for provider in sorted(providers):
        env = llm_keys.key_from_env(provider)
        if env:
            entries.append(KeyEntry(provider, "env", mask(env.value), env.var, True))
        if provider in stored:
            var = env.var if env else llm_keys.env_var_for(provider)
            entries.append(KeyEntry(provider, "keyring", mask(stored[provider]), var, env is None))
    return KeyListing(entries, backend_name, warnings)


def _stored_keys(backend: Backend) -> dict[str, str]:
    candidates = set(llm_keys.known_providers()) | set(llm_keys.read_index(backend))
    found: dict[str, str] = {}
    for provider in sorted(candidates):
        value = llm_keys.read_key(backend, provider)
        if value:
            found[provider] = value
    return found
