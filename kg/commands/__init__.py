"""One module per `kg` subcommand; each defines a click command called `command`."""
