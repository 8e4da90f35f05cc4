"""The package version (here, so that no module imports the package's face for it)."""
__version__ = "0.10.0"
