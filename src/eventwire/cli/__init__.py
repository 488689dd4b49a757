"""The command line: ``eventwire <command>``. Each command group lives in its own module."""
