## Të dhënat e organizatës (çështja 9): eksporti i plotë i administratorit.

org-data-link = Shkarko të dhënat e organizatës
org-data-title = Të dhënat e organizatës
org-data-intro = Gjithçka që organizata juaj mban në Hearth, në një skedar zip që mund ta hapni në një fletëllogaritëse: një skedar CSV për çdo tabelë dhe një README që tregon çfarë mban secila kolonë. Skedarët lexohen në të njëjtin çast, ndaj përputhen me njëri-tjetrin.
org-data-in-title = Çfarë ka brenda
org-data-in = { $count ->
    [one] Një tabelë: njerëzit, rolet, vendet, programet, aktivitetet dhe pjesëmarrja, ngjarjet, trajnimi, grupet dhe orari e numrat e shërbimit të mbështetjes.
   *[other] { $count } tabela: njerëzit, rolet, vendet, programet, aktivitetet dhe pjesëmarrja, ngjarjet, trajnimi, grupet dhe orari e numrat e shërbimit të mbështetjes.
}
org-data-out-title = Çfarë mbetet në Hearth
org-data-out-writing = Shkrimet private: reflektimet, vlerësimet personale, historitë e rimëkëmbjes, kontrollet e mirëqenies, shënimet e prezantimit, bisedat dhe teksti i historive.
org-data-out-logs = Shënimet e seancave dhe ajo që njerëzit thanë për veten kur kërkuan mbështetje.
org-data-out-secrets = Fjalëkalimet, lidhjet e hyrjes dhe lidhjet personale.
org-data-out-count = { $count ->
    [one] Një tabelë lihet jashtë e tëra; README e përmend dhe tregon pse.
   *[other] { $count } tabela lihen jashtë të plota; README i përmend një nga një dhe tregon pse.
}
org-data-download = Shkarko zip-in
org-data-audited = Çdo shkarkim shënohet në regjistrin e kontrollit me emrin tuaj.
org-data-backup-title = Një kopje për ta rikthyer
org-data-backup = Ky eksport është për lexim. Për të mbajtur një kopje nga e cila Hearth mund të rikthehet, personi që drejton serverin përdor komandën e kopjes rezervë, e cila kopjon gjithçka ndërsa Hearth vazhdon të punojë:
