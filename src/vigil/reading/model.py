"""The statistical model: TF-IDF word n-grams read once per narrative, then two heads trained by the
project on labelled narratives, for recall on wording the rules do not know:
- an offence head: one logistic regression per offence code (one-vs-rest);
- a crime head: one logistic regression for "at least one crime must be recorded".

How it is combined with the rules (reader.py): the rules decide; the model may add, and may
question one of several findings.
- An offence the rules missed is added when its probability is at least `threshold`.
- When the rules find no offence at all and no reason not to record was stated, the crime head's
  probability at least `crime_threshold` adds the offence head's most probable code ("backstop").
- When the rules find several offences, one whose probability is below `veto_threshold` is dropped
  (the rules' extra readings of one incident, e.g. a "threat" that was the assault itself); the
  rules' last offence is never dropped, so the model cannot turn a crime into a non-crime.
The thresholds are stored with the model and chosen on labelled narratives the model did not
see (train.py). Model offences carry a confidence capped below the rules' and the rule_ref
"statistical model"; the model never removes an offence and never overrides a stated reason for
not recording (transfer, credible evidence to the contrary, a third party not confirmed).

A saved model is a joblib file of {"vectorizer", "offence_head", "crime_head", "codes", "metadata"};
metadata is also written as JSON beside it: version, created_at, training data sha256, n, the
thresholds and the scores that chose them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

MODEL_FORMAT_VERSION = 2
DEFAULT_MODEL = "default.joblib"
MIN_POSITIVES = 3           # a code needs this many labelled examples to get its own classifier
OFF = 1.01                  # a threshold no probability reaches: that part of the model adds nothing
MODEL_RULE_REF = "statistical model (TF-IDF n-grams, logistic regression; see docs/reader.md)"


@dataclass
class OffenceModel:
    vectorizer: object
    offence_head: object
    crime_head: object
    codes: list[str]
    metadata: dict

    @property
    def threshold(self) -> float:
        """Probability at or above which an offence the rules missed is added."""
        return float(self.metadata.get("threshold", OFF))

    @property
    def crime_threshold(self) -> float:
        """Crime-head probability at or above which a narrative with no offence found gets one."""
        return float(self.metadata.get("crime_threshold", OFF))

    @property
    def veto_threshold(self) -> float:
        """Probability below which one of several offences the rules found is dropped (0: never)."""
        return float(self.metadata.get("veto_threshold", 0.0))

    @property
    def adds_nothing(self) -> bool:
        return self.threshold > 1 and self.crime_threshold > 1 and self.veto_threshold <= 0

    def predict(self, narratives: list[str]):
        """(offence probabilities (n, n_codes), crime probabilities (n,)); one vectorisation per batch.
        Both heads are logistic regressions, so their probabilities are one sparse product with the
        stacked weights (the same numbers as predict_proba, without a call per offence code)."""
        import numpy as np

        weights, intercepts = self._stacked
        scores = self.vectorizer.transform(narratives) @ weights + intercepts
        probabilities = 1.0 / (1.0 + np.exp(-np.asarray(scores)))
        return probabilities[:, :-1], probabilities[:, -1]

    @cached_property
    def _stacked(self):
        """(weights (n_features, n_codes + 1), intercepts): every offence head, then the crime head."""
        import numpy as np

        heads = [*self.offence_head.estimators_, self.crime_head]
        return np.column_stack([head.coef_[0] for head in heads]), np.array([head.intercept_[0] for head in heads])

    def evidence_weights(self, code: str | None):
        """(vocabulary, weight per feature) of the head that decided: one offence code, or the crime head."""
        head = self.crime_head if code is None else self.offence_head.estimators_[self.codes.index(code)]
        return self.vectorizer.vocabulary_, head.coef_[0]


def build_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Words and word pairs only: character n-grams read better on typos but cost several times as
    # much per narrative, and the reader must keep 5,000 narratives a second (issue 3 targets).
    return TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=50000,
                           token_pattern=r"(?u)\b\w[\w']*\b")


def build_offence_head():
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    return OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))


def build_crime_head():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")


def labels_sha256(records: list[dict]) -> str:
    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps({k: record.get(k) for k in ("id", "narrative", "crimes")}, sort_keys=True).encode())
    return digest.hexdigest()


def trainable_codes(records: list[dict]) -> list[str]:
    support: dict[str, int] = {}
    for record in records:
        for code in {c["code"] for c in record.get("crimes", []) if c.get("count", 1) > 0}:
            support[code] = support.get(code, 0) + 1
    return sorted(code for code, n in support.items() if n >= MIN_POSITIVES)


def label_matrix(records: list[dict], codes: list[str]):
    import numpy as np

    index = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(records), len(codes)), dtype=int)
    for row, record in enumerate(records):
        for crime in record.get("crimes", []):
            if crime["code"] in index and crime.get("count", 1) > 0:
                matrix[row, index[crime["code"]]] = 1
    return matrix


def crime_labels(records: list[dict]):
    import numpy as np

    return np.array([int(any(c.get("count", 1) > 0 for c in record.get("crimes", []))) for record in records])


def fit(records: list[dict], metadata: dict | None = None) -> OffenceModel:
    codes = trainable_codes(records)
    if not codes:
        raise ValueError(f"no offence code has {MIN_POSITIVES} or more labelled examples among {len(records)} records; "
                         "the labels need at least a few examples of each offence to train on")
    crimes = crime_labels(records)
    if crimes.min() == crimes.max():
        raise ValueError(f"all {len(records)} labelled records are {'crimes' if crimes[0] else 'non-crimes'}; "
                         "training needs narratives of both kinds")
    vectorizer = build_vectorizer()
    features = vectorizer.fit_transform([r["narrative"] for r in records])
    offence_head = build_offence_head().fit(features, label_matrix(records, codes))
    crime_head = build_crime_head().fit(features, crimes)
    meta = {
        "format_version": MODEL_FORMAT_VERSION,
        "version": datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S"),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_sha256": labels_sha256(records),
        "n": len(records),
        "codes": codes,
        "threshold": OFF,
        "crime_threshold": OFF,
        **(metadata or {}),
    }
    return OffenceModel(vectorizer, offence_head, crime_head, codes, meta)


def save(model: OffenceModel, path: Path) -> Path:
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"vectorizer": model.vectorizer, "offence_head": model.offence_head, "crime_head": model.crime_head,
                 "codes": model.codes, "metadata": model.metadata}, path, compress=3)
    path.with_suffix(".json").write_text(json.dumps(model.metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


class ModelFileError(ValueError):
    """A model file this version of the reader cannot use."""


def load(path: Path) -> OffenceModel:
    import joblib

    saved = joblib.load(path)
    version = saved.get("metadata", {}).get("format_version") if isinstance(saved, dict) else None
    if version != MODEL_FORMAT_VERSION:
        raise ModelFileError(f"{path}: model format {version!r}; this reader reads format {MODEL_FORMAT_VERSION}. "
                             "Retrain it with `vigil train --labels FILE`.")
    return OffenceModel(saved["vectorizer"], saved["offence_head"], saved["crime_head"], saved["codes"], saved["metadata"])


@lru_cache(maxsize=1)
def default_model() -> OffenceModel | None:
    """The model shipped in the package (src/vigil/reading/models/), or None if none was trained."""
    packaged = resources.files("vigil.reading") / "models" / DEFAULT_MODEL
    if not packaged.is_file():
        return None
    with resources.as_file(packaged) as path:
        return load(path)
