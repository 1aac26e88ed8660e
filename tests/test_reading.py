"""The narrative reader's contract: output schema, evidence spans, CLI streaming, train/evaluate, determinism."""

import json

import typer
from typer.testing import CliRunner

from vigil.reading import classify, classify_many
from vigil.reading.commands import register
from vigil.reading.model import load

ABH = "IP STATES EX-P PUNCHED HER IN THE FACE CAUSING A SPLIT LIP. S/O N/T."


def app() -> typer.Typer:
    application = typer.Typer()
    register(application)
    return application


def test_output_has_exactly_the_fields_issue_3_names():
    result = classify(ABH, id="A1", model=None)
    assert set(result) == {"id", "crime", "crime_count", "offences", "domestic", "asb", "vulnerability", "non_crime_reason"}
    offence = result["offences"][0]
    assert set(offence) == {"code", "name", "count", "confidence", "points_to_prove", "evidence", "rule_refs"}
    assert offence["code"] == "8N" and offence["name"] == "Assault with injury"
    for point in offence["points_to_prove"]:
        assert set(point) == {"point", "status", "evidence"}
        assert point["status"] in {"met", "not_met", "unclear"}
    assert result["id"] == "A1" and result["crime"] is True and result["non_crime_reason"] is None


def test_evidence_spans_point_at_the_original_text_despite_expanded_shorthand():
    result = classify(ABH, model=None)
    quoted = [ABH[start:end] for start, end in result["offences"][0]["evidence"]]
    assert "PUNCHED" in quoted
    assert any("SPLIT LIP" in text for text in quoted)
    force = result["offences"][0]["points_to_prove"][0]
    assert ABH[slice(*force["evidence"])] == "PUNCHED"


def test_spans_survive_typos_and_abbreviations_before_the_cue():
    narrative = "INF AND IP STATE S/O ASSUALTED IP AT VRM AB12CDE, NO INJURYS"
    result = classify(narrative, model=None)
    assert result["offences"][0]["code"] == "105A"
    start, end = result["offences"][0]["evidence"][0]
    assert narrative[start:end] == "ASSUALTED"


def test_no_crime_has_a_reason_and_no_offences():
    result = classify("Caller lost his wallet on the train, may have dropped it.", model=None)
    assert result == {**result, "crime": False, "crime_count": 0, "offences": [], "non_crime_reason": "lost property"}


def test_domestic_and_vulnerability_flags():
    narrative = "IP (7 months pregnant) states her husband pushed her against the wall."
    result = classify(narrative, model=None)
    assert result["domestic"] is True
    # each indicator carries the words that show it (the audit's VULNERABILITY_NOT_IDENTIFIED reads these)
    pregnancy = next(v for v in result["vulnerability"] if v["indicator"] == "pregnancy")
    assert narrative[slice(*pregnancy["evidence"])] == "pregnant"
    assert "domestic_abuse" in [v["indicator"] for v in result["vulnerability"]]


def test_classify_is_deterministic():
    narratives = [{"id": str(i), "narrative": text} for i, text in enumerate([ABH, "Bike stolen from outside the library", "Loud music"])]
    assert classify_many(narratives) == classify_many(narratives)


def test_cli_streams_one_line_per_input_in_order_and_reports_bad_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "narrative": "' + ABH + '"}\nthis is not json\n{"id": "c"}\n'
                      '{"id": "d", "narrative": "Noise from a party next door", "opening_code": "ASB-NUISANCE"}\n')
    result = CliRunner().invoke(app(), ["classify", str(source), "--rules-only"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [line.get("id") for line in lines] == ["a", None, "c", "d"]
    assert lines[1]["line"] == 2 and "not valid JSON" in lines[1]["error"]
    assert lines[2]["line"] == 3 and "narrative" in lines[2]["error"]
    assert lines[3]["crime"] is False


def _labelled(tmp_path):
    examples = [
        ("Male punched the victim in the face, no injuries", [{"code": "105A", "count": 1}]),
        ("Suspect slapped her and pushed her over, not hurt", [{"code": "105A", "count": 1}]),
        ("Partner struck him with an open hand, nothing visible", [{"code": "105A", "count": 1}]),
        ("Offender kicked the IP in the leg, no marks", [{"code": "105A", "count": 1}]),
        ("Her bicycle was stolen from the rack at the station", [{"code": "44", "count": 1}]),
        ("Pushbike taken from the front garden overnight", [{"code": "44", "count": 1}]),
        ("Someone stole his mountain bike from the shed area", [{"code": "44", "count": 1}]),
        ("Cycle nicked outside the gym, lock cut", [{"code": "44", "count": 1}]),
        ("Neighbours playing loud music", []), ("Concern for welfare of elderly male", []),
        ("Caller lost her purse in town", []), ("Dispute with landlord over deposit, civil", []),
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps({"id": f"L{i}", "narrative": n, "crimes": c}) + "\n" for i, (n, c) in enumerate(examples)))
    return path


def test_train_writes_a_versioned_model_and_evaluate_scores_it(tmp_path):
    labels = _labelled(tmp_path)
    out = tmp_path / "model.joblib"
    trained = CliRunner().invoke(app(), ["train", "--labels", str(labels), "--out", str(out)])
    assert trained.exit_code == 0, trained.output
    metadata = json.loads(out.with_suffix(".json").read_text())
    assert {"version", "created_at", "training_sha256", "n", "validation", "threshold"} <= set(metadata)
    assert metadata["n"] == 12 and load(out).codes == ["105A", "44"]
    scored = CliRunner().invoke(app(), ["evaluate", "--labels", str(labels), "--model", str(out), "--json"])
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.stdout)
    assert result["n"] == 12
    assert result["crime"]["f1"] > 0.8
    assert {"offence_micro", "per_offence", "exact_count_accuracy", "crime_confusion", "family_confusion"} <= set(result)


def test_keyword_baseline_is_scored_by_the_same_evaluate_path(tmp_path):
    labels = _labelled(tmp_path)
    scored = CliRunner().invoke(app(), ["evaluate", "--labels", str(labels), "--reader", "keywords", "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["n"] == 12


def test_model_may_add_an_offence_the_rules_missed_marked_as_the_model(tmp_path):
    from vigil.reading.model import fit

    records = [json.loads(line) for line in _labelled(tmp_path).read_text().splitlines()]
    model = fit(records, {"threshold": 0.3})
    narrative = "pushbike gone from the rack at the station"   # no theft wording the rules know
    assert classify(narrative, model=None)["offences"] == []
    added = classify(narrative, model=model)["offences"]
    assert [o["code"] for o in added] == ["44"]
    assert added[0]["confidence"] <= 0.6
    assert any("statistical model" in ref for ref in added[0]["rule_refs"])


def test_the_models_veto_drops_one_of_several_offences_the_rules_found_but_never_the_last():
    import numpy as np

    from vigil.reading.train import FixedPredictions

    narrative = "male punched the caller, cut lip. he was found with a lock knife in his pocket"
    assert {o["code"] for o in classify(narrative, model=None)["offences"]} == {"8N", "10D"}

    def read_with(probabilities: dict[str, float]) -> set[str]:
        codes = list(probabilities)
        fixed = FixedPredictions(np.array([[probabilities[c] for c in codes]]), np.array([0.0]), codes,
                                 threshold=1.01, crime_threshold=1.01, veto_threshold=0.05)
        return {o["code"] for o in classify(narrative, model=fixed)["offences"]}

    assert read_with({"8N": 0.9, "10D": 0.01}) == {"8N"}
    assert read_with({"8N": 0.9, "10D": 0.5}) == {"8N", "10D"}
    assert len(read_with({"8N": 0.01, "10D": 0.01})) == 2     # vetoing every one would turn a crime into none
