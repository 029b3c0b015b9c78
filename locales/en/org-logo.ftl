## The organisation's logo (issue 9): set on the organisation page, shown on the printable summary.

org-logo-title = Logo
org-logo-intro = Your organisation's logo appears beside its name on the printable summary of the reports.
org-logo-none = There is no logo yet.
org-logo-field = Logo image
org-logo-field-replace = A new logo image
org-logo-hint = A PNG, JPEG or WebP image, at most 1 MB. SVG files are not accepted, because they can carry scripts.
org-logo-upload = Upload the logo
org-logo-remove = Remove the logo
flash-org-logo-saved = The logo is saved.
flash-org-logo-removed = The logo is removed.
org-logo-error-missing = Choose an image file for the logo.
org-logo-error-type = This file is not a PNG, JPEG or WebP image, so it was not saved. SVG files are not accepted. Please choose another image.
org-logo-error-too-big = This image is larger than 1 MB, so it was not saved. Please choose a smaller one.
org-logo-error-unreadable = The file could not be read whole, so nothing was saved. A logo can be at most 1 MB.
