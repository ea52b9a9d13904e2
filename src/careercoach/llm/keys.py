"""Find a provider's API key: its environment variable first, then the OS keyring.

Keys live in the keyring under the service "careercoach" with the provider as the username;
they never touch a file, the database or any output of careercoach. `keyring` is imported
inside the functions that use it, so commands that never need a key stay fast.

The gateway calls `api_key_for_model(model)`; the `key` commands go through
careercoach.services.keys, which adds validation, read-back and the insecure-backend opt-in.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careercoach.errors import CareerCoachError, NotConfigured

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "careercoach"
# Not a valid provider name (it has a dot), so it can never collide with a real key's entry.
# The keyring cannot enumerate its entries; this one lists the providers `key set` stored so
# `key list` also finds providers careercoach does not know by name. It holds names only.
INDEX_USERNAME = ".providers"

PROVIDER_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

# LiteLLM's own variable names where they differ from PROVIDER_API_KEY, first the one we
# document, then the aliases LiteLLM also reads (checked in this order).
_ENV_VARS: dict[str, tuple[str, ...]] = {
    "openai": ("OPENAI_API_KEY",),
    "anthropic": ("ANTHROPIC_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
    "mistral": ("MISTRAL_API_KEY",),
    "groq": ("GROQ_API_KEY",),
    "cohere": ("COHERE_API_KEY", "CO_API_KEY"),
    "deepseek": ("DEEPSEEK_API_KEY",),
    "openrouter": ("OPENROUTER_API_KEY", "OR_API_KEY"),
    "xai": ("XAI_API_KEY",),
    "together_ai": ("TOGETHERAI_API_KEY", "TOGETHER_API_KEY", "TOGETHER_AI_API_KEY"),
    "azure": ("AZURE_API_KEY",),
    "perplexity": ("PERPLEXITYAI_API_KEY",),
    "fireworks_ai": ("FIREWORKS_AI_API_KEY", "FIREWORKS_API_KEY", "FIREWORKSAI_API_KEY"),
    "huggingface": ("HUGGINGFACE_API_KEY", "HF_TOKEN"),
    "codestral": ("CODESTRAL_API_KEY",),
    "cerebras": ("CEREBRAS_API_KEY",),
    "nvidia_nim": ("NVIDIA_NIM_API_KEY",),
    "deepinfra": ("DEEPINFRA_API_KEY",),
    "replicate": ("REPLICATE_API_KEY",),
    "voyage": ("VOYAGE_API_KEY",),
    "moonshot": ("MOONSHOT_API_KEY",),
}

# What people naturally type for a provider LiteLLM spells differently.
_ALIASES = {
    "google": "gemini",
    "together": "together_ai",
    "togetherai": "together_ai",
    "fireworks": "fireworks_ai",
    "x-ai": "xai",
    "grok": "xai",
    "claude": "anthropic",
}

# Local servers and cloud platforms that authenticate without an API key of ours.
_KEYLESS = frozenset(
    {"ollama", "ollama_chat", "llamafile", "vertex_ai", "vertex_ai_beta", "bedrock", "sagemaker"}
)

# Bare model names (no "provider/" prefix) that LiteLLM routes by their family.
_BARE_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "gpt-",
            "gpt3",
            "gpt4",
            "chatgpt-",
            "o1",
            "o3",
            "o4",
            "ft:",
            "text-embedding-",
            "davinci",
            "babbage",
            "dall-e",
            "whisper",
            "tts-",
        ),
        "openai",
    ),
    (("claude",), "anthropic"),
    (("gemini",), "gemini"),
    (("mistral-", "open-mistral", "open-mixtral", "ministral", "pixtral", "magistral"), "mistral"),
    (("codestral",), "codestral"),
    (("deepseek-",), "deepseek"),
    (("command",), "cohere"),
    (("grok-",), "xai"),
)


def known_providers() -> tuple[str, ...]:
    """The providers whose variables careercoach knows by name (others use PROVIDER_API_KEY)."""
    return tuple(_ENV_VARS)


def canonical_provider(name: str) -> str | None:
    """Return the provider as LiteLLM spells it, or None when `name` is not a valid name."""
    value = name.strip().lower()
    value = _ALIASES.get(value, value)
    return value if PROVIDER_PATTERN.fullmatch(value) else None


def env_vars_for(provider: str) -> tuple[str, ...]:
    """All environment variables that hold `provider`'s key, the documented one first."""
    known = _ENV_VARS.get(provider)
    if known:
        return known
    # Environment variable names cannot hold '-' portably, LiteLLM's generic rule uppercases.
    return (re.sub(r"[^A-Z0-9_]", "_", provider.upper()) + "_API_KEY",)


def env_var_for(provider: str) -> str:
    """The environment variable to export for `provider`'s key (OPENAI_API_KEY, ...)."""
    return env_vars_for(provider)[0]


def needs_key(provider: str) -> bool:
    """False for local servers and platforms that authenticate another way (ollama, bedrock)."""
    return provider not in _KEYLESS


def provider_of_model(model: str) -> str:
    """The provider of a LiteLLM model: its "provider/" prefix, or a bare name's family."""
    name = model.strip().lower()
    prefix, slash, _rest = name.partition("/")
    if slash and prefix:
        return _ALIASES.get(prefix, prefix)
    for prefixes, provider in _BARE_PREFIXES:
        if name.startswith(prefixes):
            return provider
    # LiteLLM treats an unknown bare name as OpenAI-compatible (with CAREERCOACH_API_BASE).
    return "openai"


@dataclass(frozen=True)
class EnvKey:
    """A key found in the environment, and the variable that held it."""

    provider: str
    var: str
    value: str


def key_from_env(provider: str, environ: Mapping[str, str] | None = None) -> EnvKey | None:
    """The provider's key from its environment variables (non-blank), or None."""
    environ = os.environ if environ is None else environ
    for var in env_vars_for(provider):
        value = environ.get(var, "").strip()
        if value:
            return EnvKey(provider, var, value)
    return None


@dataclass(frozen=True)
class Backend:
    """A keyring backend careercoach may use, and why it is insecure (None when it is not)."""

    keyring: KeyringBackend
    name: str
    insecure_reason: str | None


def no_keyring_hint(provider: str = "openai") -> str:
    """What to do on a machine without a usable keyring (headless Linux, containers)."""
    return (
        f"export {env_var_for(provider)}=... in your shell instead (it wins over the keyring); "
        "or install and unlock a Secret Service such as gnome-keyring or KWallet; "
        "or knowingly choose another backend with PYTHON_KEYRING_BACKEND "
        "(e.g. keyrings.alt.file.EncryptedKeyring; plain-text backends also need "
        "'careercoach config set insecure_keyring true')"
    )


def _class_names(obj: object) -> set[str]:
    return {f"{cls.__module__}.{cls.__qualname__}" for cls in type(obj).__mro__}


# Backends that keep the key readable by anyone who can read a file, keep nothing, or send it
# off the machine. keyrings.alt's Windows backends encrypt with DPAPI and its file
# EncryptedKeyring with a password, so they are not listed; its Google ones are.
_INSECURE = {
    "keyrings.alt.file.PlaintextKeyring": "stores keys unencrypted in a file",
    "keyring.backends.null.Keyring": "does not store keys at all",
    "keyrings.alt.Google.DocsKeyring": "stores keys in Google Docs, off this machine",
}
_FAIL = "keyring.backends.fail.Keyring"


def _insecure_reason(backend: KeyringBackend) -> str | None:
    names = _class_names(backend)
    for cls_name, reason in _INSECURE.items():
        if cls_name in names:
            return reason
    # keyrings.alt's file backends (and look-alikes) declare their encryption scheme.
    scheme = str(getattr(type(backend), "scheme", "") or "").lower()
    if scheme.startswith(("no enc", "plain", "none", "base64")):
        return "stores keys unencrypted in a file"
    return None


def _effective(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend that really stores keys: inside wrappers and chains; None when there is none."""
    names = _class_names(backend)
    if "keyring.backends.chainer.ChainerBackend" in names:
        # The chainer writes to its first (highest-priority) backend, so that one decides.
        chained = list(getattr(backend, "backends", []) or [])
        return _effective(chained[0]) if chained else None
    inner = getattr(backend, "_keyring", None)
    if "keyrings.alt.multi.MultipartKeyringWrapper" in names and inner is not None:
        return _effective(inner)
    if _FAIL in names:
        return None
    return backend


def current_backend(provider: str = "openai") -> Backend:
    """The keyring backend in use and whether it is insecure; NotConfigured when there is none."""
    try:
        import keyring

        backend = keyring.get_keyring()
        effective = _effective(backend)
    except Exception as exc:  # a bad PYTHON_KEYRING_BACKEND or a broken D-Bus raise anything
        raise NotConfigured(
            f"the keyring cannot be used ({type(exc).__name__}: {exc})",
            hint=no_keyring_hint(provider),
        ) from None
    if effective is None:
        raise NotConfigured(
            "no keyring backend is available on this machine", hint=no_keyring_hint(provider)
        )
    cls = type(effective)
    return Backend(backend, f"{cls.__module__}.{cls.__qualname__}", _insecure_reason(effective))


@contextmanager
def keyring_errors(provider: str, secret: str | None = None) -> Iterator[None]:
    """Turn a backend's exceptions into NotConfigured with a hint, never quoting the key."""
    from keyring.errors import KeyringLocked, NoKeyringError

    try:
        yield
    except CareerCoachError:
        raise
    except NoKeyringError:
        raise NotConfigured(
            "no keyring backend is available on this machine",
            hint=no_keyring_hint(provider),
        ) from None
    except KeyringLocked:
        raise NotConfigured(
            "the keyring is locked",
            hint="unlock it (log in to the desktop session, or unlock the 'login' collection) "
            f"and try again; or export {env_var_for(provider)}=... instead",
        ) from None
    except Exception as exc:
        detail = str(exc)
        if secret:
            detail = detail.replace(secret, "[key]")
        raise NotConfigured(
            f"the keyring failed ({type(exc).__name__}: {detail[:200]})",
            hint=no_keyring_hint(provider),
        ) from None


def insecure_allowed() -> bool:
    """True when the person opted in to plain-text keyrings (config key insecure_keyring)."""
    from careercoach.config import Config

    return bool(Config.load().get("insecure_keyring"))


def read_key(backend: Backend, provider: str) -> str | None:
    """The provider's key stored in `backend`, or None."""
    return backend.keyring.get_password(SERVICE, provider)


def read_index(backend: Backend) -> list[str]:
    """Provider names `key set` recorded (names only, never keys)."""
    raw = backend.keyring.get_password(SERVICE, INDEX_USERNAME) or ""
    names = (canonical_provider(part) for part in raw.split(","))
    return sorted({name for name in names if name})


def write_index(backend: Backend, providers: Iterable[str]) -> None:
    """Record the provider names that have a key, so `key list` can find them again."""
    names = sorted(set(providers))
    if names:
        backend.keyring.set_password(SERVICE, INDEX_USERNAME, ",".join(names))
        return
    with contextlib.suppress(Exception):  # nothing recorded is the state we want anyway
        backend.keyring.delete_password(SERVICE, INDEX_USERNAME)


def api_key_for_model(model: str) -> str | None:
    """The API key for a LiteLLM model: the provider's variable, then the keyring; else None.

    None also means "no key needed" (ollama) or "the keyring is unusable": the gateway then
    tells the person how to set a key. An insecure backend is only read when opted in.
    """
    provider = provider_of_model(model)
    if not needs_key(provider) or canonical_provider(provider) != provider:
        return None
    found = key_from_env(provider)
    if found:
        return found.value
    try:
        backend = current_backend()
    except NotConfigured:
        return None
    if backend.insecure_reason and not insecure_allowed():
        return None
    try:
        return read_key(backend, provider) or None
    except Exception:  # a locked or broken keyring: same as no key, the gateway explains
        return None
