-- Trigram matching backs the product and customer autocomplete.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
