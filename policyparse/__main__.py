from policyparse.cli import cli

cli()
