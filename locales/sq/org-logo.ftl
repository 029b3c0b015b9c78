## Logoja e organizatës (çështja 9): vendoset në faqen e organizatës, shfaqet në përmbledhjen për shtyp.

org-logo-title = Logoja
org-logo-intro = Logoja e organizatës suaj shfaqet pranë emrit të saj në përmbledhjen e raporteve për shtyp.
org-logo-none = Ende nuk ka logo.
org-logo-field = Imazhi i logos
org-logo-field-replace = Një imazh i ri për logon
org-logo-hint = Një imazh PNG, JPEG ose WebP, deri në 1 MB. Skedarët SVG nuk pranohen, sepse mund të mbartin skripte.
org-logo-upload = Ngarko logon
org-logo-remove = Hiq logon
flash-org-logo-saved = Logoja u ruajt.
flash-org-logo-removed = Logoja u hoq.
org-logo-error-missing = Zgjidhni një skedar imazhi për logon.
org-logo-error-type = Ky skedar nuk është imazh PNG, JPEG ose WebP, ndaj nuk u ruajt. Skedarët SVG nuk pranohen. Ju lutemi zgjidhni një imazh tjetër.
org-logo-error-too-big = Ky imazh është më i madh se 1 MB, ndaj nuk u ruajt. Ju lutemi zgjidhni një më të vogël.
org-logo-error-unreadable = Skedari nuk u lexua i tëri, ndaj nuk u ruajt asgjë. Logoja mund të jetë deri në 1 MB.
