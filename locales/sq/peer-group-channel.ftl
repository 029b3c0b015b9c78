# Kanali i një grupi bashkëmoshatarësh të kohortës midis aktiviteteve (i njëjti kanal si ai i një grupi mbështetës).

peer-group-channel-heading = Kanali i grupit tuaj
peer-group-channel-invite = Një vend për të vazhduar bisedën midis aktiviteteve: tregoni si po shkon, bëni një pyetje, inkurajoni njëri-tjetrin.
peer-group-channel-open = Hap kanalin
peer-group-channel-who-reads = Këtë kanal e lexojnë të gjithë në grupin tuaj të bashkëmoshatarëve, si dhe lehtësuesit e kohortës suaj, që kujdesen për të.
peer-group-channel-on-save = Nëse grupet janë ruajtur më parë, kanali i çdo grupi shkon me grupin e ri që mban shumicën e njerëzve të tij, kështu që asgjë që ka shkruar dikush nuk humbet.
