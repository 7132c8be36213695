"""The shipped model (``bot/engine/data/model.json``) is the one ``benchmarks/calibrate.py``
fits on the development data with today's engine.

A change to the engine's features, gates or question reading changes what the script fits;
it must be followed by a re-fit (``python -m benchmarks.calibrate``) and the model committed
with it. Until 2026-12-04 the shipped model lagged seven rule changes behind the script, so a
re-fit could no longer be told from the shipped model's figures.
"""

from __future__ import annotations

import json

from benchmarks import calibrate

#: Weights are stored to five decimals; another BLAS may differ in the last one.
TOLERANCE = 1e-3


def test_the_shipped_model_is_what_calibrate_fits_today() -> None:
    shipped = json.loads(calibrate.MODEL.read_text(encoding="utf-8"))
    fitted, _, _ = calibrate.fit_model(calibrate.collect())
    for part in ("ranker", "confidence"):
        want, got = shipped[part], fitted[part]
        assert isinstance(got, dict)
        assert set(want["weights"]) == set(got["weights"]), part
        off = {name: (want["weights"][name], value) for name, value in got["weights"].items()
               if abs(want["weights"][name] - value) > TOLERANCE}
        assert not off, f"{part}: re-fit with python -m benchmarks.calibrate: {off}"
        assert abs(want["bias"] - got["bias"]) <= TOLERANCE, part
