// Placeholder until the Web module lands.
