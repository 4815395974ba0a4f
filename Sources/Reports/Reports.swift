// Placeholder until the Reports module lands.
