"""The command line (Click): one module per group of commands, ``main`` in main.py."""
