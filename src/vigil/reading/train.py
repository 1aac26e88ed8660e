"""Training: fit the statistical model on labelled narratives, choose its threshold by
cross-validation, and write a versioned model file (vigil train --labels FILE).

The threshold is the probability above which the model may add an offence the rules missed. It is
chosen on out-of-fold predictions (each record scored by a model that did not see it) to maximise
offence micro-F1 of the combined reader, never on the records' own fitted probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vigil.reading import model as offence_model
from vigil.reading.evaluate import score
from vigil.reading.reader import classify_many

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
FOLDS = 5
SEED = 20240601


@dataclass
class FixedProbabilities:
    """Stands in for a model whose probabilities were computed elsewhere (out-of-fold)."""
    pipeline: object
    codes: list[str]
    rows: np.ndarray
    threshold: float
    _next: int = 0

    def probabilities(self, narratives: list[str]) -> np.ndarray:
        rows = self.rows[self._next:self._next + len(narratives)]
        self._next += len(narratives)
        return rows


def out_of_fold_probabilities(records: list[dict], codes: list[str], folds: int = FOLDS) -> np.ndarray:
    from sklearn.model_selection import KFold

    labels = offence_model.label_matrix(records, codes)
    narratives = np.array([r["narrative"] for r in records], dtype=object)
    probabilities = np.zeros(labels.shape, dtype=float)
    for train_index, test_index in KFold(folds, shuffle=True, random_state=SEED).split(narratives):
        columns = [j for j in range(len(codes)) if 0 < labels[train_index, j].sum() < len(train_index)]
        pipeline = offence_model.build_pipeline()
        pipeline.fit(list(narratives[train_index]), labels[np.ix_(train_index, columns)])
        probabilities[np.ix_(test_index, columns)] = pipeline.predict_proba(list(narratives[test_index]))
    return probabilities


def cross_validate(records: list[dict], folds: int = FOLDS, scored=lambda record: True) -> dict:
    """Scores of the rules alone and of rules + model at each threshold, out of fold, on the
    records `scored` accepts (all by default; train_default scores only the hand-written corpus,
    so simulator narratives can help training without deciding the threshold)."""
    codes = offence_model.trainable_codes(records)
    probabilities = out_of_fold_probabilities(records, codes, folds)
    keep = [i for i, record in enumerate(records) if scored(record)]
    subset = [records[i] for i in keep]
    results = {"rules_only": score(subset, classify_many(subset, model=None))}
    for threshold in THRESHOLDS:
        fixed = FixedProbabilities(None, codes, probabilities[keep], threshold)
        results[f"rules_and_model@{threshold}"] = score(subset, classify_many(subset, model=fixed, batch_size=len(subset)))
    return results


def _summary(result: dict) -> dict:
    return {"crime_f1": result["crime"]["f1"], "offence_micro_f1": result["offence_micro"]["f1"],
            "exact_count_accuracy": result["exact_count_accuracy"]}


def train(records: list[dict], out: Path, folds: int = FOLDS, source: str = "",
          scored=lambda record: True) -> offence_model.OffenceModel:
    validation = cross_validate(records, folds, scored) if len(records) >= 2 * folds else {}
    threshold = offence_model.DEFAULT_THRESHOLD
    if validation:
        best = max(THRESHOLDS, key=lambda t: (validation[f"rules_and_model@{t}"]["offence_micro"]["f1"], t))
        rules_only = validation["rules_only"]["offence_micro"]["f1"]
        # the model is only allowed in where it helps out of fold; otherwise it is effectively off
        threshold = best if validation[f"rules_and_model@{best}"]["offence_micro"]["f1"] > rules_only else 1.01
    metadata = {
        "threshold": threshold,
        "source": source,
        "validation": {"method": f"{folds}-fold cross-validation on the training labels (out-of-fold predictions)"
                                 + ("; scored on the hand-written corpus records only" if source and "simulator" in source else ""),
                       **{name: _summary(result) for name, result in validation.items()}},
    }
    fitted = offence_model.fit(records, metadata)
    offence_model.save(fitted, out)
    return fitted
