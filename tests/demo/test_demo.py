"""The shipped synthetic register: published totals, determinism, labelled synthetic."""

from __future__ import annotations

from analysis import config
from analysis.consultation import load_consultation
from analysis.demo.register import generate_register, register_csv_bytes
from analysis.sources.announcement import read_announcement


def test_shipped_register_matches_the_published_totals():
    consultation = load_consultation(config.ANNOUNCEMENT_PATH, config.DEFAULT_REGISTER_PATH)
    attendance = consultation.attendance
    assert consultation.rejected.empty and consultation.duplicates.empty
    assert attendance["participant_id"].nunique() == 94
    assert attendance["organisation_id"].nunique() == 72
    assert set(attendance["meeting_id"]) == set(consultation.meetings["meeting_id"])
    assert len(consultation.meetings) == 11


def test_shipped_register_says_it_is_synthetic():
    consultation = load_consultation(config.ANNOUNCEMENT_PATH, config.DEFAULT_REGISTER_PATH)
    assert consultation.synthetic
    text = config.DEFAULT_REGISTER_PATH.read_text(encoding="utf-8")
    rows = text.splitlines()[1:]
    assert rows and all(row.endswith(",true") for row in rows)


def test_regenerating_with_the_same_seed_gives_the_shipped_bytes():
    announcement = read_announcement(config.ANNOUNCEMENT_PATH)
    data = register_csv_bytes(generate_register(announcement, seed=config.DEMO_SEED))
    assert data == config.DEFAULT_REGISTER_PATH.read_bytes()


def test_another_seed_gives_another_register_with_the_same_totals():
    announcement = read_announcement(config.ANNOUNCEMENT_PATH)
    register = generate_register(announcement, seed=7)
    shipped = generate_register(announcement, seed=config.DEMO_SEED)
    assert not register.equals(shipped)
    assert register["participant_id"].nunique() == 94
    assert register["organisation_id"].nunique() == 72
    assert register["meeting_id"].nunique() == 11


def test_most_organisations_send_one_person_and_some_several():
    announcement = read_announcement(config.ANNOUNCEMENT_PATH)
    register = generate_register(announcement)
    persons = register.groupby("organisation_id")["participant_id"].nunique()
    assert (persons == 1).sum() > len(persons) / 2
    assert (persons > 1).sum() >= 5
    meetings_per_person = register.groupby("participant_id").size()
    assert (meetings_per_person > 1).sum() >= 10


def test_demo_remarks_are_synthetic_seeded_and_read_without_a_rejection(tmp_path, capsys):
    from analysis.cli import main

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        assert main(["demo", "--remarks", str(path), "--count", "300"]) == 0
    assert first.read_bytes() == second.read_bytes()  # same seed, same bytes
    assert "synthetic remarks register (300 remarks" in capsys.readouterr().out
    consultation = load_consultation(
        config.ANNOUNCEMENT_PATH, None, remarks_path=first, cache_dir=None
    )
    assert consultation.synthetic
    assert len(consultation.remarks) == 300 and consultation.checks["remarks"].rejected.empty
    assert set(consultation.remarks["outcome"]) <= {
        "accepted", "partly_accepted", "rejected", "explained", "already_covered",
        "withdrawn", "pending",
    }  # fmt: skip
