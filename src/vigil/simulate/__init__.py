"""A simulated force: a year of calls, incident logs, crimes, people, investigations and evidence,
written in the canonical tables with the answer key beside them (truth_* tables). See
docs/simulator.md.

    from vigil.simulate import simulate_force
    summary = simulate_force(50_000, seed=1, db="vigil.duckdb")
"""

from __future__ import annotations


def simulate_force(n_incidents: int, seed: int, **options) -> dict:
    """Write a simulated force; options: db, out_dir, start, config, progress, workers, chunk_size.
    Imported lazily so `import vigil.simulate` stays light."""
    from vigil.simulate.force import simulate_force as run

    return run(n_incidents, seed, **options)


__all__ = ["simulate_force"]
