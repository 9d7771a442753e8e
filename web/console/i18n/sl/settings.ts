import type { Catalogue } from '../locales.ts';

/** Besedila strani Nastavitve (prevod en/settings.ts). */
export const settingsSl: Catalogue = {
  'settings.title': 'Nastavitve',
  'settings.lede': 'Trgovina, način pošiljanja sporočil ter kdo in kaj lahko dostopa do te trgovine.',
  'settings.readOnly': 'Lahko gledate, ne pa spreminjate: {reason}',
  'settings.readOnly.owner': 'nastavitve spreminja samo lastnik, vi pa ste {role}.',
  'settings.saved': 'Shranjeno.',
  'settings.done': 'Opravljeno.',
  'settings.refused': 'Ni shranjeno. {message}',
  'settings.actions': 'Dejanja',

  'settings.shop': 'Profil trgovine',
  'settings.shop.help':
    'Kar vsako sporočilo pove o trgovini. Marketinška e-pošta potrebuje spletni naslov in poštni naslov.',
  'settings.shop.name': 'Ime trgovine',
  'settings.shop.url': 'Spletni naslov',
  'settings.shop.supportEmail': 'E-pošta za podporo',
  'settings.shop.address': 'Poštni naslov',
  'settings.shop.locale': 'Jezik sporočil (npr. sl-SI)',
  'settings.shop.save': 'Shrani profil',

  'settings.delivery': 'Pošiljanje',
  'settings.delivery.help':
    'Pravila, ki jih vsako sporočilo prestane ob pošiljanju. Spremembe veljajo za naslednja sporočila, ki jih pošlje delavec za pošiljanje.',
  'settings.delivery.timeZone': 'Časovni pas trgovine',
  'settings.delivery.timeZone.placeholder': 'npr. Europe/Ljubljana',
  'settings.delivery.timeZone.help': 'Pas IANA za stranke brez lastnega časovnega pasu. Prazno: UTC.',
  'settings.delivery.zoneUnknown':
    '»{zone}« ni časovni pas, ki bi ga ta brskalnik poznal; izberite ga s seznama, npr. Europe/Ljubljana.',
  'settings.delivery.quietHours': 'Tihe ure',
  'settings.delivery.quietHours.on': 'Med tihimi urami zadrži marketinška sporočila',
  'settings.delivery.quietHours.start': 'Od',
  'settings.delivery.quietHours.end': 'Do',
  'settings.delivery.quietHours.help':
    'Po krajevnem času vsake stranke; sporočilo, ki bi šlo med tihimi urami, počaka, da minejo. Obvestila o naročilih se ne zadržujejo.',
  'settings.delivery.cap': 'Omejitev pogostosti',
  'settings.delivery.cap.maxPerWindow': 'Največ sporočil',
  'settings.delivery.cap.windowDays': 'v toliko dneh',
  'settings.delivery.cap.minHours': 'Ur med dvema sporočiloma',
  'settings.delivery.cap.help':
    'Marketinška sporočila nad omejitvijo so preskočena ali preložena; obvestila o naročilih niso nikoli omejena.',
  'settings.delivery.holdout': 'Kontrolna skupina',
  'settings.delivery.holdout.share': 'Izločeni delež (%)',
  'settings.delivery.holdout.help':
    'Delež strank vsakega toka, ki ne dobijo ničesar, da se učinek toka lahko izmeri v primerjavi z njimi.',
  'settings.delivery.holdout.perFlow': 'Delež kontrolne skupine po tokovih',
  'settings.delivery.holdout.flow': 'Tok',
  'settings.delivery.holdout.add': 'Dodaj delež za en tok',
  'settings.delivery.holdout.remove': 'Odstrani {flow}',
  'settings.delivery.save': 'Shrani nastavitve pošiljanja',

  'settings.keys': 'Ključi API',
  'settings.keys.help':
    'S ključi sistemi vaše trgovine uporabljajo HTTP API. Ključ je prikazan enkrat, ko je ustvarjen; seznami kažejo le njegove prve znake.',
  'settings.keys.name': 'Ime',
  'settings.keys.prefix': 'Začetek',
  'settings.keys.createdAt': 'Ustvarjen',
  'settings.keys.lastUsed': 'Nazadnje uporabljen',
  'settings.keys.never': 'nikoli',
  'settings.keys.state': 'Stanje',
  'settings.keys.active': 'veljaven',
  'settings.keys.revokedAt': 'preklican {date}',
  'settings.keys.revoke': 'Prekliči {name}',
  'settings.keys.revoke.confirm':
    'Prekličem ključ »{name}« ({prefix}…)? Sistemi, ki ga uporabljajo, v nekaj sekundah prenehajo delovati.',
  'settings.keys.newName': 'Ime novega ključa (kaj ga uporablja)',
  'settings.keys.create': 'Ustvari ključ',
  'settings.keys.created': 'Ključ »{name}« je ustvarjen. Kopirajte ga zdaj:',
  'settings.keys.secret': 'Novi ključ API',
  'settings.keys.copy': 'Kopiraj',
  'settings.keys.copied': 'Kopirano',
  'settings.keys.once': 'Ni shranjen in ga ni mogoče znova prikazati.',
  'settings.keys.hide': 'Shranil sem ga: skrij',

  'settings.shopify': 'Shopify',
  'settings.shopify.help':
    'Skupna skrivnost aplikacije Shopify potrdi, da spletni kavlji prihajajo iz Shopifyja. Lahko jo zamenjate, prebrati pa je ni mogoče.',
  'settings.shopify.isSet': 'Skrivnost je nastavljena: spletni kavlji Shopify so sprejeti.',
  'settings.shopify.notSet': 'Skrivnost ni nastavljena: spletni kavlji Shopify so zavrnjeni.',
  'settings.shopify.webhook': 'Naslov za spletne kavlje: {url}',
  'settings.shopify.set': 'Skupna skrivnost',
  'settings.shopify.replace': 'Nova skupna skrivnost (zamenja trenutno)',
  'settings.shopify.save': 'Shrani skrivnost',
  'settings.shopify.disconnect': 'Odstrani skrivnost',
  'settings.shopify.disconnect.confirm':
    'Odstranim skrivnost? Spletni kavlji Shopify bodo zavrnjeni, dokler ne nastavite nove.',

  'settings.shopifyApp': 'Aplikacija Shopify',
  'settings.shopifyApp.help':
    'Regulars, nameščen v trgovino kot aplikacija: spletni kavlji so registrirani in podpisani namesto vas, zahteve glede zasebnosti pa odgovorjene.',
  'settings.shopifyApp.state': 'Stanje',
  'settings.shopifyApp.state.not_connected': 'Ni nameščena',
  'settings.shopifyApp.state.installed': 'Nameščena',
  'settings.shopifyApp.state.uninstalled': 'Odstranjena',
  'settings.shopifyApp.state.redacted': 'Odstranjena; podatki trgovine izbrisani',
  'settings.shopifyApp.shop': 'Trgovina',
  'settings.shopifyApp.scopes': 'Odobren dostop',
  'settings.shopifyApp.missing': 'Manjkajoč dostop',
  'settings.shopifyApp.installedAt': 'Nameščena',
  'settings.shopifyApp.uninstalledAt': 'Odstranjena',
  'settings.shopifyApp.webhooks': 'Spletni kavlji',
  'settings.shopifyApp.webhooks.count': 'registriranih: {count} ({when})',
  'settings.shopifyApp.webhookError': 'Zadnja registracija ni uspela',
  'settings.shopifyApp.notConfigured': 'Ta strežnik še nima nastavljene aplikacije Shopify (docs/shopify.md).',
  'settings.shopifyApp.shopField': 'Domena trgovine',
  'settings.shopifyApp.connect': 'Pridobi povezavo za namestitev',
  'settings.shopifyApp.open': 'Odprite to povezavo kot lastnik trgovine (velja 30 minut):',

  'settings.webhooks': 'Odhodni webhooki',
  'settings.webhooks.help':
    'Naslovi, na katere Regulars pošilja podpisane dogodke (Standard Webhooks). Dodate jih z regulars webhooks add ali prek API-ja; skrivnost je prikazana le enkrat.',
  'settings.webhooks.none':
    'Še ni končne točke: dodajte jo z regulars webhooks add --store ID --url URL --event NAME (docs/webhooks.md).',
  'settings.webhooks.enabled': 'Prejema dogodke.',
  'settings.webhooks.failing':
    'Ne uspeva od {since} ({count} poskusov zapored); ponovljeno z zamikom, izklopljeno po dnevu neuspehov.',
  'settings.webhooks.disabled': 'Izklopljeno {since}: {reason}. Dokler je ne vklopite, se zanjo ne zbirajo dogodki.',
  'settings.webhooks.disabledNotice':
    'Končnih točk webhookov, izklopljenih po ponavljajočih se neuspehih: {count}. Dogodki od takrat niso bili poslani.',
  'settings.webhooks.enable': 'Znova vklopi {url}',

  'settings.users': 'Uporabniki osebja',
  'settings.users.help':
    'Lastniki spreminjajo vse; tržniki pošiljajo sporočila in pripravljajo ponudbe; opazovalci samo gledajo.',
  'settings.users.email': 'E-pošta',
  'settings.users.role': 'Vloga',
  'settings.users.roleOf': 'Vloga uporabnika {email}',
  'settings.users.since': 'Dodan',
  'settings.users.you': '(vi)',
  'settings.users.remove': 'Odstrani {email}',
  'settings.users.remove.confirm': 'Odstranim {email}? Njegove odprte seje se takoj končajo.',
  'settings.users.add': 'Dodaj uporabnika',
  'settings.users.password': 'Geslo',
  'settings.users.password.help': 'Vsaj {min} znakov; izročite ga osebno ali po drugi poti.',
  'settings.users.create': 'Dodaj uporabnika',
};
