# Rruga në krizë, ruajtja e të dhënave dhe të drejtat e njerëzve (çështja 7), harta e vizitave (çështja 9).

safety-help-sites-title = Kontaktet për krizë në vendet tona

# Ruajtja
privacy-retention-title = Ruajtja dhe fshirja e të dhënave
privacy-retention-link = Sa kohë i ruajmë shënimet e seancave dhe emrat e vizitorëve
privacy-retention-intro = Shënimet e seancave dalin nga çdo listë pas muajve që caktoni këtu; ata që kanë të drejtë t'i lexojnë, mund t'i hapin ende. Emri ose nofka e një vizitori harrohet pak orë pasi është pritur. Hearth e bën këtë një herë në ditë.
privacy-log-months = Arkivo shënimet e seancave pas (muajsh)
privacy-log-months-hint = Nga 1 deri në 120 muaj.
privacy-queue-hours = Harro emrat e vizitorëve pas (orësh)
privacy-queue-hours-hint = Llogaritet nga koha kur u pritën ose u larguan, nga 1 deri në 720 orë.
privacy-daily-title = Kalimi i përditshëm
privacy-next-run = Kalimi i radhës: { $when }.
privacy-next-run-none = Kalimi i radhës vihet në radhë kur niset serveri.
privacy-apply-now = Zbatoje tani
privacy-retention-applied = U krye: { $logs } shënime u arkivuan, { $names } emra u harruan.
privacy-error-range = Shkruani një numër të plotë nga { $min } deri në { $max }.

# Të dhënat e një personi
privacy-person-data-link = Të dhënat e tyre: eksporto ose fshi
privacy-person-title = Të dhënat për { $name }
privacy-export-title = Gjithçka që është regjistruar për këtë person
privacy-export-intro = Gjithçka në një skedar: profili, rolet, grupet, çfarë kanë shkruar, aktivitetet ku kanë marrë pjesë, shënimet që kanë shkruar (pa përmbajtje) dhe kush i ka lexuar të dhënat e tyre. Shkarkimi shënohet në regjistrin e auditimit.
privacy-export-download = Shkarko si JSON
privacy-erase-title = Fshije këtë person
privacy-erase-intro = Fshirja nuk mund të zhbëhet.
privacy-erase-goes = Emri, email-i, fjalëkalimi, rolet, grupet dhe gjithçka që kanë shkruar hiqen.
privacy-erase-stays = Mbeten vetëm numra anonimë: aktivitetet ku morën pjesë ruajnë të njëjtin numër njerëzish, ndaj raportet nuk ndryshojnë.
privacy-erase-confirm = Shkruani email-in e tyre ({ $email }) për ta konfirmuar
privacy-erase-confirm-hint = Që askush të mos fshihet nga një gabim i gishtit.
privacy-erase-button = Fshije përgjithmonë
privacy-erase-not-self = Nuk mund ta fshini veten: kërkojini një administratori tjetër.
privacy-erased-already = Ky person është fshirë. Kanë mbetur vetëm numra anonimë.
privacy-error-self = Nuk mund ta fshini veten: kërkojini një administratori tjetër.
privacy-error-erased = Ky person është fshirë tashmë.
privacy-error-confirm = Ky nuk është email-i i tyre. Asgjë nuk u fshi.
flash-person-erased = Personi u fshi. Kanë mbetur vetëm numra anonimë.

# Të dhënat e mia
privacy-my-data-link = Çfarë është regjistruar për mua
privacy-my-data-title = Çfarë është regjistruar për mua
privacy-my-data-intro = Mund të shkarkoni në çdo kohë gjithçka që Hearth ruan për ju, në një skedar. Askush nuk duhet ta miratojë: është e juaja.
privacy-my-data-profile = profili juaj, rolet tuaja dhe grupet ku bëni pjesë
privacy-my-data-writing = çfarë keni shkruar: reflektimet, prezantimet, vetëvlerësimet, historinë tuaj të rimëkëmbjes, shënimet CHIME, tregimet, vlerësimet, kontrollet e mirëqenies, mesazhet tuaja në kanalet e grupeve dhe në biseda, shënimet tuaja të njohjes dhe të World Café-së dhe përgjigjet tuaja për datat e takimeve
privacy-my-data-activity = aktivitetet ku keni marrë pjesë, turnet tuaja dhe shënimet e seancave që keni shkruar (datat dhe shenjat; përmbajtja ka të bëjë me njerëzit që keni mbështetur)
privacy-my-data-support = mbështetja juaj e vazhdueshme një-me-një (çfarë kërkuat, marrëveshja, seancat dhe përmbledhja përmbyllëse) dhe shërbimet ku u drejtuat
privacy-my-data-reads = çdo herë që dikush i ka lexuar të dhënat tuaja
privacy-my-data-erase = Që të fshihen të dhënat tuaja, kërkojini një administratori të organizatës suaj.

# Shënimet e arkivuara
privacy-archived-link = Shënimet e arkivuara
privacy-archived-mine = Shënimet e mia të arkivuara
privacy-archived-of = Shënimet e arkivuara të { $name }
privacy-archived-hint = Shënime më të vjetra se sa i mban organizata në listat e saj. Hapja e secilit shënohet ende në regjistrin e auditimit.

# Harta e vizitave në faqen e raporteve
reports-dropin-caption = Vizitat pa takim sipas orës së javës ({ $total } vizitorë të pritur)
reports-dropin-day = Dita
reports-dropin-mon = E hënë
reports-dropin-tue = E martë
reports-dropin-wed = E mërkurë
reports-dropin-thu = E enjte
reports-dropin-fri = E premte
reports-dropin-sat = E shtunë
reports-dropin-sun = E diel
reports-dropin-mon-short = Hën
reports-dropin-tue-short = Mar
reports-dropin-wed-short = Mër
reports-dropin-thu-short = Enj
reports-dropin-fri-short = Pre
reports-dropin-sat-short = Sht
reports-dropin-sun-short = Die

audit-subject-person-erasure = fshirja e tyre (mbeten vetëm numra anonimë)
