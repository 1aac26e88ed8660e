"""Vigil: reads a police force's calls, incident logs and crime records, offline, and finds the
crimes that were not recorded, the callers not answered, the victims not recognised and the
evidence and investigations at risk."""

__version__ = "0.1.0"
