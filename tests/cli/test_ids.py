"""Record ids as typed: "3" and "#3" are ids; other digits and words are not."""

from __future__ import annotations

import pytest

from careercoach.ids import as_id


@pytest.mark.parametrize(("ref", "expected"), [("3", 3), ("#3", 3), (" 12 ", 12), (7, 7)])
def test_ids(ref, expected) -> None:
    assert as_id(ref) == expected


@pytest.mark.parametrize("ref", ["", "#", "abc", "3a", "-1", "1.5", "²", "٣", "１", True])
def test_not_ids(ref) -> None:
    assert as_id(ref) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["job", "show", "²"], "is not a job id"),
        (["cv", "show", "²"], "not a CV id"),
        (["apply", "show", "²"], "is not an application id"),
        (["letter", "show", "²"], "not a letter id"),
        (["goal", "show", "²"], "is not a number"),
    ],
)
def test_unicode_digits_are_bad_input_not_a_crash(cli, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 1 and message in result.stderr
    assert "unexpected" not in result.stderr


def test_gap_takes_a_job_id_with_a_hash_as_cv_does(cli) -> None:
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples"
    assert cli("job", "add", str(examples / "posting.md")).exit_code == 0
    result = cli("--offline", "gap", "--cv", str(examples / "cv.md"), "--job", "#1", "--json")
    assert result.exit_code == 0, result.stderr
