"""The columns of the interface list, apart from its model: the main window names them
before the model (and the ``Qt`` namespace it needs) is loaded."""

NAME, BRANCH, COMPUTER, IMPORT_FORMAT, INTERVAL, ENABLED, NEXT_RUN, LAST_RUN = range(8)
