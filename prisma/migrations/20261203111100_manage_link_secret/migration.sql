-- The manage-link key, created with the database so every instance reads the same one and no
-- booking transaction has to create it. Two v4 UUIDs from PostgreSQL's strong random source: 244
-- random bits (the app hashes the text into its HMAC key).
INSERT INTO "AppSecret" ("name", "value")
VALUES ('manage-link', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT ("name") DO NOTHING;
