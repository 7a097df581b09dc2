"""Reading what people write: YAML files, the career model, validation, configuration."""
