"""Which keyring backends careercoach accepts, refuses as insecure, or reports as missing."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null

from careercoach.errors import ExitCode, NotConfigured
from careercoach.llm.keys import current_backend
from memkeyring import MemoryKeyring


def _plaintext(tmp_path: Path):  # type: ignore[no-untyped-def]
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "plain.cfg")
    return backend


def test_memory_backend_is_accepted(memory_keyring: MemoryKeyring) -> None:
    backend = current_backend()
    assert backend.keyring is memory_keyring
    assert backend.insecure_reason is None
    assert backend.name.endswith("MemoryKeyring")


def test_fail_backend_is_not_configured() -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NotConfigured) as info:
        current_backend("anthropic")
    assert info.value.exit_code == ExitCode.NOT_CONFIGURED
    hint = info.value.hint or ""
    assert "ANTHROPIC_API_KEY" in hint
    assert "gnome-keyring" in hint
    assert "PYTHON_KEYRING_BACKEND" in hint


def test_get_keyring_raising_is_not_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ValueError("bad PYTHON_KEYRING_BACKEND")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    with pytest.raises(NotConfigured) as info:
        current_backend()
    assert "PYTHON_KEYRING_BACKEND" in (info.value.hint or "")


def test_plaintext_backend_is_insecure(tmp_path: Path) -> None:
    keyring.set_keyring(_plaintext(tmp_path))
    backend = current_backend()
    assert backend.insecure_reason == "stores keys unencrypted in a file"


def test_null_backend_is_insecure() -> None:
    keyring.set_keyring(null.Keyring())
    assert current_backend().insecure_reason == "does not store keys at all"


def test_subclass_of_plaintext_is_insecure(tmp_path: Path) -> None:
    from keyrings.alt.file import PlaintextKeyring

    class Custom(PlaintextKeyring):
        pass

    custom = Custom()
    custom.file_path = str(tmp_path / "custom.cfg")
    keyring.set_keyring(custom)
    assert current_backend().insecure_reason is not None


def test_chainer_is_judged_by_the_backend_it_writes_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = MemoryKeyring()
    plain = _plaintext(tmp_path)
    keyring.set_keyring(chainer.ChainerBackend())

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plain, memory])
    assert current_backend().insecure_reason is not None

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [memory, plain])
    backend = current_backend()
    assert backend.insecure_reason is None
    assert backend.name.endswith("MemoryKeyring")


def test_empty_chainer_is_not_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(chainer.ChainerBackend())
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(NotConfigured):
        current_backend()


def test_multipart_wrapper_is_judged_by_what_it_wraps(tmp_path: Path) -> None:
    from keyrings.alt.multi import MultipartKeyringWrapper

    keyring.set_keyring(MultipartKeyringWrapper(_plaintext(tmp_path)))
    assert current_backend().insecure_reason is not None
    keyring.set_keyring(MultipartKeyringWrapper(MemoryKeyring()))
    assert current_backend().insecure_reason is None
