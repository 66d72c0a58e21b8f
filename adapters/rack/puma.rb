# Puma configuration for the suite: only the plugin that prints the ready line.
$LOAD_PATH.unshift(__dir__)
plugin :session_conformance_ready
