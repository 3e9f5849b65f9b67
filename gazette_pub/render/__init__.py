"""Renderers: the model → HTML (print and web) → PDF. They read only the model."""
