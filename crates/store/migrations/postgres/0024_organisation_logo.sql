-- The organisation's logo (issue 9, scope 4): an image an administrator
-- uploads on /admin/organisation, shown on the printable summary. The file
-- itself is a row of files; removing that row leaves the organisation
-- without a logo.
ALTER TABLE organisation ADD COLUMN logo_file_id UUID REFERENCES files(id) ON DELETE SET NULL;
