# Trajnimi, më shumë (çështja 6): pjesëmarrja nga dhoma e drejtpërdrejtë,
# ftesat CHIME, ndryshimi i afatit të shërbimit të një punonjësi bashkëmoshatar.

attendance-live-prefilled = Plotësuar sipas atyre që hynë në dhomën e drejtpërdrejtë. Kontrolloni çdo zgjedhje, ndryshoni atë që nuk është e saktë dhe ruajeni: asgjë nuk llogaritet pa e ruajtur ju.
attendance-in-live-room = Ishte në dhomën e drejtpërdrejtë
chime-prompt-start = Para se të fillojnë modulet, vendosni veten në pesë temat: kjo është pika juaj e nisjes.
chime-prompt-after-module = Përfunduat { $module }. Si jeni tani në pesë temat?
chime-prompt-go = Reflektoni tani
progress-sessions-attended = Seanca të ndjekura: { $attended } nga { $total }
progress-nobody = Ende nuk ka të trajnuar në këtë kohortë.
training-change-curriculum = Ndryshoni kurrikulën
term-edit-title = Afati i shërbimit: { $name }
term-edit-hint = Kur filloi dhe kur pritet të largohet: tre vjet më së shumti. Rrjedha i numëron ata që largohen në gjashtë muajt e ardhshëm sipas këtyre datave.
term-edit-unset = Ende nuk është regjistruar afat për këtë rol. Është plotësuar afati i zakonshëm, dy vjet nga sot.
term-edit-save = Ruani afatin
term-edit-link = Ndryshoni afatin
flash-term-saved = Afati i shërbimit u ruajt.
pipeline-follow-up = Për t'u ndjekur
pipeline-no-term = nuk është regjistruar afat shërbimi
pipeline-expected-end = pritet të largohet më { $date }
attendance-live-hint = Kjo seancë zhvillohet në internet. Kur të trajnuarit hyjnë në dhomën e drejtpërdrejtë, kjo faqe plotëson se kush erdhi, që ju ta kontrolloni dhe ta ruani.
delivery-change-heading = Ndryshoni këtë seancë
delivery-change-online-hint = Kjo seancë zhvillohet në internet si ngjarje e drejtpërdrejtë. Nëse e zhvendosni këtu, zhvendoset edhe ngjarja dhe pjesëmarrësit njoftohen.
delivery-change-save = Ruani ndryshimet
delivery-remove = Hiqeni këtë seancë
delivery-remove-hint = E planifikuat gabimisht? Një seancë në sallë mund të hiqet derisa askush të mos jetë shënuar për të.
delivery-remove-confirm = Ta hiqni këtë seancë nga orari i kohortës?
delivery-remove-marked = Për këtë seancë është mbajtur pjesëmarrja, prandaj ajo mbetet. Korrigjoni shënimet në vend të saj.
delivery-remove-online = Një seancë që zhvillohet në internet mbetet bashkë me ngjarjen e saj të drejtpërdrejtë.
flash-session-changed = Seanca u ndryshua.
flash-session-removed = Seanca u hoq.
