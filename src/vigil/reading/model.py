"""The statistical model: TF-IDF word and character n-grams with one logistic regression per
offence code (one-vs-rest), trained by the project on labelled narratives, for recall on wording
the rules do not know.

How it is combined with the rules (reader.py): the rules decide; the model may only ADD an offence
the rules missed, when its probability is at least the threshold stored with the model (chosen on
a validation split so the added offences are precise), with confidence capped below the rules'
and rule_ref "statistical model". It never removes an offence and never overrides a stated reason
for not recording (transfer, credible evidence to the contrary).

A saved model is a joblib file of {"pipeline", "codes", "metadata"}; metadata is also written as
JSON beside it: version, created_at, training data sha256, n, per-code support and validation scores.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_FORMAT_VERSION = 1
DEFAULT_MODEL = "default.joblib"
MIN_POSITIVES = 3           # a code needs this many labelled examples to get its own classifier
DEFAULT_THRESHOLD = 0.8     # used only when a validation split is too small to choose one
MODEL_RULE_REF = "statistical model (TF-IDF n-grams, logistic regression; see docs/reader.md)"


@dataclass
class OffenceModel:
    pipeline: object
    codes: list[str]
    metadata: dict

    @property
    def threshold(self) -> float:
        return float(self.metadata.get("threshold", DEFAULT_THRESHOLD))

    def probabilities(self, narratives: list[str]):
        """Array (n_narratives, n_codes) of P(code disclosed). One vectorisation for the batch."""
        return self.pipeline.predict_proba(narratives)


def build_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, make_pipeline

    features = FeatureUnion([
        ("words", TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
        ("chars", TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True,
                                  max_features=60000)),
    ])
    return make_pipeline(features, OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced")))


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


def fit(records: list[dict], metadata: dict | None = None) -> OffenceModel:
    codes = trainable_codes(records)
    if not codes:
        raise ValueError(f"no offence code has {MIN_POSITIVES} or more labelled examples among {len(records)} records; "
                         "the labels need at least a few examples of each offence to train on")
    pipeline = build_pipeline()
    pipeline.fit([r["narrative"] for r in records], label_matrix(records, codes))
    meta = {
        "format_version": MODEL_FORMAT_VERSION,
        "version": datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S"),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_sha256": labels_sha256(records),
        "n": len(records),
        "codes": codes,
        "threshold": DEFAULT_THRESHOLD,
        **(metadata or {}),
    }
    return OffenceModel(pipeline, codes, meta)


def save(model: OffenceModel, path: Path) -> Path:
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": model.pipeline, "codes": model.codes, "metadata": model.metadata}, path, compress=3)
    path.with_suffix(".json").write_text(json.dumps(model.metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load(path: Path) -> OffenceModel:
    import joblib

    saved = joblib.load(path)
    return OffenceModel(saved["pipeline"], saved["codes"], saved["metadata"])


@lru_cache(maxsize=1)
def default_model() -> OffenceModel | None:
    """The model shipped in the package (src/vigil/reading/models/), or None if none was trained."""
    packaged = resources.files("vigil.reading") / "models" / DEFAULT_MODEL
    if not packaged.is_file():
        return None
    with resources.as_file(packaged) as path:
        return load(path)
