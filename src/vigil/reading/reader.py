"""classify(): read one narrative the way a crime registrar would, and say what must be recorded.

Steps, each leaving its evidence spans and rule references on the output:
1. normalise once (text.py), keeping the offset map;
2. the declared offence rules (offence_rules.py, engine.py): points to prove with negation,
   threats versus acts and hypotheticals;
3. the statistical model (model.py) may add an offence the rules missed, above its threshold;
4. the situation (situations.py): transfer, credible contrary evidence, third-party reports not
   confirmed; domestic, ASB, vulnerability;
5. the counting rules (counting.py).
"""

from __future__ import annotations

import re
from typing import Iterable

from vigil.catalogue import offences as catalogue
from vigil.reading import counting, engine, situations
from vigil.reading.context import RETRACTION
from vigil.reading.model import MODEL_RULE_REF, OffenceModel, default_model
from vigil.reading.points import STATE, OffenceRule
from vigil.reading.text import Normalised, normalise
from vigil.reading.victims import MAIN

_USE_DEFAULT = object()
THIRD_PARTY = re.compile(r"\b(?:third party|passer-?by|member of the public|witness|anonymous|neighbour (?:reports|called|states)|"
                         r"friend (?:reports|called|states|rang|of (?:the )?(?:injured party|ip|victim))|(?:her|his|my|a) friend (?:\w+ )?(?:told|said)|teacher|school|social worker|reported by (?:her|his|a|the) \w+|on behalf of|"
                         r"flatmate|housemate|saw|walking past|youth worker|support worker|key worker|"
                         r"(?:nurse|doctor|gp|health visitor|midwife|carer|mother|father|mum|dad|parent) (?:reports|called|states|rang)|"
                         r"(?:her|his|their|my) (?:friend|daughter|son|sister|brother|mother|mum|dad|father|niece|nephew|granddaughter|grandson|flatmate) "
                         r"(?:\w+ ){0,3}(?:was|has been|had been|is being|got) (?:raped|sexually assaulted|assaulted|attacked|abused|hit)|"
                         r"(?:told|tells|telling) (?:a |her |his |another |the )?(?:friend|girl|boy|teacher|worker|mum|mother|nurse)|\((?:friend|relative|colleague|flatmate|housemate)\)|(?:believes|thinks|suspects) (?:[\w']+ ){0,4}(?:is|was|has been) (?:hitting|assaulting|beating|attacking|hurting))\b")
HISTORIC = re.compile(r"\b(?:historic\w*|years ago|as a child|when (?:she|he) was (?:a child|young|\d+)|in (?:19|20)\d\d\b)")
RETRACTION_REF = ("NCRS (domain.md 1.3): a retraction or unwillingness to support a prosecution does not cancel a crime "
                  "disclosed on the balance of probabilities; only credible evidence to the contrary does")
HISTORIC_REF = "NCRS: a historic report is recorded when it is reported (domain.md 1.3)"
# Since 2013/14 fraud is recorded centrally by Action Fraud (NFIB), not by the force; the force uses
# the fraud codes only for outcomes (catalogue notes on 53C/53D; domain.md 6: police-recorded crime
# "excluding fraud"). The reader still says a fraud is a crime (it must be recorded, by Action Fraud)
# and cites that; force_recordable() gives the view the force's own recording is checked against.
FRAUD_GROUP = "Fraud offences"
ACTION_FRAUD_REASON = "fraud: recorded centrally by Action Fraud (NFIB), not by the force"
ACTION_FRAUD_REF = "Fraud is recorded centrally by Action Fraud (NFIB); the force refers it and does not record it (HOCR, fraud)"
MODEL_CONFIDENCE_CAP = 0.6
_MODEL_RULE_CACHE: dict[str, OffenceRule] = {}


def _model_rule(code: str) -> OffenceRule:
    if code not in _MODEL_RULE_CACHE:
        declared = engine.RULE_BY_CODE.get(code)
        _MODEL_RULE_CACHE[code] = OffenceRule(code, (), MODEL_RULE_REF, supersedes=declared.supersedes if declared else ())
    return _MODEL_RULE_CACHE[code]


def _model_evidence(model: OffenceModel, doc: Normalised, code: str | None) -> list[tuple[int, int]]:
    """The narrative's words that pushed the model towards `code` (or towards "crime") most: its
    largest positive weights, so a registrar sees what the model read."""
    try:
        vocabulary, weights = model.evidence_weights(code)
    except (AttributeError, IndexError, KeyError, ValueError):
        return []
    scored = []
    for match in re.finditer(r"\b\w[\w']*\b", doc.text):
        column = vocabulary.get(match.group(0))
        if column is not None and weights[column] > 0:
            scored.append((weights[column], match.span()))
    return sorted(span for _, span in sorted(scored, reverse=True)[:3])


def _model_finding(model: OffenceModel, doc: Normalised, code: str, probability: float, evidence_from: str | None) -> engine.Finding:
    return engine.Finding(code, _model_rule(code), [], _model_evidence(model, doc, evidence_from), [MAIN],
                          round(min(MODEL_CONFIDENCE_CAP, probability * MODEL_CONFIDENCE_CAP), 2), [MODEL_RULE_REF])


def _drop_state_offences_superseded_by_the_model(findings: list[engine.Finding]) -> list[engine.Finding]:
    """Possession with intent to supply (92A), added by the model, replaces the simple possession (92D)
    the rules found: offences without a victim are counted per offender, so the principal crime rule,
    which works per victim, cannot choose between them (counting.py)."""
    superseded = {code for f in findings if f.rule.rule_ref == MODEL_RULE_REF for code in f.rule.supersedes}
    return [f for f in findings if not (f.rule.victim == STATE and f.code in superseded)]


def _drop_improbable(findings: list[engine.Finding], offence_probabilities, model: OffenceModel) -> None:
    """Of several offences the rules found, drop those the model finds very improbable (below its
    veto threshold, chosen on the calibration set); at least one offence always stays."""
    column = {code: i for i, code in enumerate(model.codes)}
    kept = [f for f in findings if f.code not in column or offence_probabilities[column[f.code]] >= model.veto_threshold]
    if kept and len(kept) < len(findings):
        findings[:] = kept


def _add_model_offences(findings: list[engine.Finding], prediction, model: OffenceModel, doc: Normalised) -> None:
    """Offences the rules found that the model finds very improbable, dropped when others remain; offences
    the rules missed, above the model's threshold; then, when nothing at all was found, the crime head's
    backstop (its most probable offence code)."""
    offence_probabilities, crime_probability = prediction
    if model.veto_threshold > 0 and len(findings) > 1:
        _drop_improbable(findings, offence_probabilities, model)
    above = (offence_probabilities >= model.threshold).nonzero()[0]     # usually none: one vector test
    if len(above):
        found = {f.code for f in findings} | {c for f in findings for c in f.rule.supersedes}
        for column in above:
            code = model.codes[column]
            if code not in found:
                findings.append(_model_finding(model, doc, code, float(offence_probabilities[column]), code))
    if not findings and float(crime_probability) >= model.crime_threshold and not situations.explained_without_crime(doc):
        column = int(offence_probabilities.argmax())
        findings.append(_model_finding(model, doc, model.codes[column], float(crime_probability), None))


def _point_output(point: engine.PointResult, doc: Normalised, fallback: tuple[int, int] | None) -> dict:
    span = point.span or fallback
    return {"point": point.point, "status": point.status,
            "evidence": doc.original_span(*span) if span else None}


def _offence_output(entry: counting.CountedOffence, doc: Normalised, extra_refs: list[str]) -> dict:
    principal = max(entry.findings, key=lambda f: f.confidence)
    act = principal.evidence[0] if principal.evidence else None
    spans = sorted({span for f in entry.findings for span in f.evidence})
    refs = list(dict.fromkeys([*principal.rule_refs, *entry.rule_refs, *extra_refs]))
    if entry.absorbed:   # name what the principal crime rule absorbed, in place of the bare reference
        refs = [r for r in refs if r != counting.SECTION_F] + [
            f"{counting.SECTION_F}: includes {', '.join(entry.absorbed)} against the same victim"]
    known = catalogue().get(entry.code)
    return {
        "code": entry.code,
        "name": known.name if known else entry.code,
        "count": entry.count,
        "confidence": principal.confidence,
        "points_to_prove": [_point_output(p, doc, act) for p in principal.points],
        "evidence": [doc.original_span(*span) for span in spans],
        "rule_refs": refs,
    }


# The order indicators are listed in (the answer key's names; situations.VULNERABILITY).
VULNERABILITY_ORDER = ("child", "older_person", "mental_health", "disability", "domestic_abuse", "sexual_violence",
                       "stalking", "exploitation", "homelessness", "substance_misuse", "pregnancy")
SEXUAL_GROUP = "Sexual offences"
STALKING_CODES = ("8Q",)


def _vulnerability_output(situation: situations.Situation, counted: list[counting.CountedOffence],
                          doc: Normalised) -> list[dict]:
    """[{"indicator", "evidence": [start, end] or None}]: the narrative's cues, plus domestic abuse when
    the log discloses it and sexual violence or stalking when an offence of that kind is disclosed."""
    found: dict[str, tuple[int, int] | None] = dict(situation.vulnerability)
    if situation.domestic:
        found.setdefault("domestic_abuse", situation.domestic_span)
    for entry in counted:
        known = catalogue().get(entry.code)
        span = next((s for f in entry.findings for s in f.evidence), None)
        if known is not None and known.group == SEXUAL_GROUP:
            found.setdefault("sexual_violence", span)
        if entry.code in STALKING_CODES:
            found.setdefault("stalking", span)
    return [{"indicator": name, "evidence": doc.original_span(*found[name]) if found[name] else None}
            for name in VULNERABILITY_ORDER if name in found]


def _read(record_id, narrative: str, opening_code: str | None, reported_at: str | None,
          prediction, model: OffenceModel | None) -> dict:
    doc = normalise(narrative)
    situation = situations.read_situation(doc, opening_code)
    findings = engine.evaluate(doc, reported_at)
    reason = None
    if situation.overriding_reason is not None:
        reason_name = situation.overriding_reason[0]
        if reason_name.startswith("not confirmed") and not THIRD_PARTY.search(doc.text):
            situation.overriding_reason = None      # a victim's own retraction does not stop recording
        elif reason_name.startswith("not confirmed") and any(f.rule.victim == STATE for f in findings):
            # offences without a victim (violent disorder, weapons, drugs) need no victim to confirm them
            findings = [f for f in findings if f.rule.victim == STATE]
            situation.overriding_reason = None
        elif findings or reason_name != "not confirmed by the victim (third-party report)":
            reason = reason_name
            if any(f.code.startswith("19") for f in findings):
                reason += ": record the report of rape as N100"
    if model is not None and prediction is not None and reason is None:
        _add_model_offences(findings, prediction, model, doc)
        findings = _drop_state_offences_superseded_by_the_model(findings)
    counted = [] if reason else counting.count_crimes(findings, reported_at, situation.already_reported)
    counted = [c for c in counted if (catalogue().get(c.code) is None or catalogue()[c.code].notifiable)]
    extra_refs = ([RETRACTION_REF] if RETRACTION.search(doc.text) else []) + ([HISTORIC_REF] if HISTORIC.search(doc.text) else [])
    offences = [_offence_output(entry, doc, extra_refs + ([ACTION_FRAUD_REF] if _is_fraud(entry.code) else []))
                for entry in counted]
    crime_count = sum(o["count"] for o in offences)
    if not offences and reason is None:
        reason = situations.non_crime_reason(doc)
    return {
        "id": record_id,
        "crime": crime_count > 0,
        "crime_count": crime_count,
        "offences": offences,
        "domestic": situation.domestic,
        "asb": {"category": situation.asb_category} if situation.asb_category else None,
        "vulnerability": _vulnerability_output(situation, counted, doc),
        "non_crime_reason": None if offences else reason,
    }


def _is_fraud(code: str) -> bool:
    known = catalogue().get(code)
    return known is not None and known.group == FRAUD_GROUP


def force_recordable(verdict: dict) -> dict:
    """The verdict as the force's own recording is judged: fraud offences removed (Action Fraud records
    them), and "fraud: recorded centrally by Action Fraud" as the reason when nothing else is left."""
    offences = [o for o in verdict["offences"] if not _is_fraud(o["code"])]
    if len(offences) == len(verdict["offences"]):
        return verdict
    crime_count = sum(o["count"] for o in offences)
    return {**verdict, "offences": offences, "crime": crime_count > 0, "crime_count": crime_count,
            "non_crime_reason": None if offences else ACTION_FRAUD_REASON}


def _resolve(model) -> OffenceModel | None:
    chosen = default_model() if model is _USE_DEFAULT else model
    # a model whose chosen thresholds are both above 1 can add nothing: skip running it
    return None if chosen is not None and chosen.adds_nothing else chosen


def classify(narrative: str, opening_code: str | None = None, reported_at: str | None = None,
             id=None, model=_USE_DEFAULT) -> dict:
    """What one narrative discloses under the crime recording rules (issue 3 part 1 output)."""
    return classify_many([{"id": id, "narrative": narrative, "opening_code": opening_code,
                           "reported_at": reported_at}], model=model)[0]


def classify_many(records: Iterable[dict], model=_USE_DEFAULT, batch_size: int = 2048) -> list[dict]:
    """classify() for many records; the model vectorises each batch once."""
    return list(iter_classify(records, model=model, batch_size=batch_size))


def iter_classify(records: Iterable[dict], model=_USE_DEFAULT, batch_size: int = 2048):
    resolved = _resolve(model)
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            yield from _classify_batch(batch, resolved)
            batch = []
    if batch:
        yield from _classify_batch(batch, resolved)


def _classify_batch(batch: list[dict], model: OffenceModel | None):
    if model is None:
        for record in batch:
            yield _read(record.get("id"), record["narrative"], record.get("opening_code"), record.get("reported_at"), None, None)
        return
    offence_probabilities, crime_probabilities = model.predict([r["narrative"] for r in batch])
    for row, record in enumerate(batch):
        yield _read(record.get("id"), record["narrative"], record.get("opening_code"), record.get("reported_at"),
                    (offence_probabilities[row], crime_probabilities[row]), model)
