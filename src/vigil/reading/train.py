"""Training: fit the statistical model on labelled narratives, choose its two thresholds on
predictions for narratives the model did not see, and write a versioned model file
(vigil train --labels FILE).

The thresholds (model.py): `threshold`, above which the offence head may add an offence the rules
missed, and `crime_threshold`, above which the crime head adds its most probable offence to a
narrative in which nothing was found. They are chosen to maximise the combined reader's crime F1 +
offence micro-F1 + exact-count accuracy (the three held-out targets of issue 3), either
- out of fold: each record scored by a model fitted without it (the default; right for a force's
  own audit labels, which the rules were never written against), or
- on a separate calibration set: labelled narratives kept apart from rule development
  (train_default.py, because the rules were written against the corpus's training records, so
  out-of-fold scores there would favour the rules unfairly).
Either way the shipped model is then fitted on everything it may learn from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vigil.reading import model as offence_model
from vigil.reading.evaluate import score
from vigil.reading.reader import classify_many

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, offence_model.OFF)
VETO_THRESHOLDS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.1)   # 0: the model never drops an offence the rules found
FOLDS = 5
SEED = 20240601


@dataclass
class FixedPredictions:
    """Stands in for a model whose predictions were computed elsewhere (out of fold, or on a
    calibration set), with the thresholds under test."""
    offence_probabilities: np.ndarray
    crime_probabilities: np.ndarray
    codes: list[str]
    threshold: float
    crime_threshold: float
    veto_threshold: float = 0.0
    _next: int = 0

    adds_nothing = False

    def predict(self, narratives: list[str]):
        rows = slice(self._next, self._next + len(narratives))
        self._next += len(narratives)
        return self.offence_probabilities[rows], self.crime_probabilities[rows]

    def evidence_weights(self, code):
        raise AttributeError("predictions only: no weights to show")


def out_of_fold_predictions(records: list[dict], codes: list[str], folds: int = FOLDS):
    from sklearn.model_selection import StratifiedKFold

    labels = offence_model.label_matrix(records, codes)
    crimes = offence_model.crime_labels(records)
    narratives = np.array([r["narrative"] for r in records], dtype=object)
    offence_probabilities = np.zeros(labels.shape, dtype=float)
    crime_probabilities = np.zeros(len(records), dtype=float)
    for train_index, test_index in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(narratives, crimes):
        columns = [j for j in range(len(codes)) if 0 < labels[train_index, j].sum() < len(train_index)]
        vectorizer = offence_model.build_vectorizer()
        features = vectorizer.fit_transform(list(narratives[train_index]))
        heldout = vectorizer.transform(list(narratives[test_index]))
        offence_head = offence_model.build_offence_head().fit(features, labels[np.ix_(train_index, columns)])
        offence_probabilities[np.ix_(test_index, columns)] = offence_head.predict_proba(heldout)
        crime_head = offence_model.build_crime_head().fit(features, crimes[train_index])
        crime_probabilities[test_index] = crime_head.predict_proba(heldout)[:, 1]
    return offence_probabilities, crime_probabilities


def _objective(result: dict) -> float:
    return result["crime"]["f1"] + result["offence_micro"]["f1"] + result["exact_count_accuracy"]


def _summary(result: dict) -> dict:
    return {"crime_f1": result["crime"]["f1"], "offence_micro_f1": result["offence_micro"]["f1"],
            "exact_count_accuracy": result["exact_count_accuracy"]}


def choose_thresholds(records: list[dict], codes: list[str], offence_probabilities, crime_probabilities) -> dict:
    """Scores of the rules alone and of rules + model at every pair of thresholds, on `records`
    with predictions made without them; and the best pair (ties go to the higher, safer one)."""
    results = {"rules_only": score(records, classify_many(records, model=None))}
    best = (_objective(results["rules_only"]), offence_model.OFF, offence_model.OFF)
    for threshold in THRESHOLDS:
        for crime_threshold in THRESHOLDS:
            fixed = FixedPredictions(offence_probabilities, crime_probabilities, codes, threshold, crime_threshold)
            result = score(records, classify_many(records, model=fixed, batch_size=len(records)))
            results[f"rules_and_model@{threshold}/{crime_threshold}"] = result
            candidate = (_objective(result), threshold, crime_threshold)
            if candidate[0] > best[0] + 1e-9 or (abs(candidate[0] - best[0]) <= 1e-9 and candidate[1:] > best[1:]):
                best = candidate
    chosen = results.get(f"rules_and_model@{best[1]}/{best[2]}", results["rules_only"])
    veto = (_objective(chosen), 0.0)
    if best[1] <= 1 or best[2] <= 1:     # the veto is tried with the chosen pair (a small grid on a small set)
        for veto_threshold in VETO_THRESHOLDS[1:]:
            fixed = FixedPredictions(offence_probabilities, crime_probabilities, codes, best[1], best[2], veto_threshold)
            result = score(records, classify_many(records, model=fixed, batch_size=len(records)))
            if _objective(result) > veto[0] + 1e-9:
                veto, chosen = (_objective(result), veto_threshold), result
    return {"threshold": best[1], "crime_threshold": best[2], "veto_threshold": veto[1],
            "scores": {"rules_only": _summary(results["rules_only"]), "chosen": _summary(chosen)}}


def train(records: list[dict], out: Path, folds: int = FOLDS, source: str = "",
          scored=lambda record: True, calibration: list[dict] | None = None) -> offence_model.OffenceModel:
    """Fit on `records` (+ `calibration`, once the thresholds are chosen on it) and save to `out`.
    `scored`: which training records may decide the thresholds out of fold (train_default keeps
    simulator narratives out of that decision)."""
    chosen = {"threshold": offence_model.OFF, "crime_threshold": offence_model.OFF, "scores": {}}
    if calibration:
        first = offence_model.fit(records)
        offence_probabilities, crime_probabilities = first.predict([r["narrative"] for r in calibration])
        chosen = choose_thresholds(calibration, first.codes, offence_probabilities, crime_probabilities)
        method = f"chosen on a calibration set of {len(calibration)} labelled narratives kept out of rule development"
    elif len(records) >= 2 * folds:
        codes = offence_model.trainable_codes(records)
        offence_probabilities, crime_probabilities = out_of_fold_predictions(records, codes, folds)
        keep = [i for i, record in enumerate(records) if scored(record)]
        chosen = choose_thresholds([records[i] for i in keep], codes, offence_probabilities[keep], crime_probabilities[keep])
        method = f"{folds}-fold cross-validation on the training labels (out-of-fold predictions)"
    else:
        method = f"too few records ({len(records)}) to choose thresholds: the model is off"
    metadata = {"threshold": chosen["threshold"], "crime_threshold": chosen["crime_threshold"],
                "veto_threshold": chosen.get("veto_threshold", 0.0), "source": source,
                "validation": {"method": method, **chosen["scores"]}}
    fitted = offence_model.fit(records + list(calibration or []), metadata)
    offence_model.save(fitted, out)
    return fitted
