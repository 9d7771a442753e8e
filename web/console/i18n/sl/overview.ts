import type { Catalogue } from '../locales.ts';

/**
 * The Overview in Slovenian. Counts take four forms (Intl.PluralRules('sl')): `.one` for 1, 101,
 * 201 …, `.two` for 2, 102 …, `.few` for 3–4, 103–104 …, `.other` for the rest (0, 5–100 …).
 */
export const overviewSl = {
  'overview.title': 'Pregled',
  'overview.asOf': 'Stanje na dan {date}: naročila od {first} do {last}.',
  'overview.empty':
    'Naročil še ni. Uvozite izvoz naročil (regulars import orders.csv) ali povežite Shopify in pregled se prikaže tukaj.',
  'overview.cached':
    'Izračunano iz shranjenih naročil ob {time} ({ms} ms); ob vsaki spremembi naročil se izračuna znova.',
  'overview.stale':
    'Naročila so se spremenila, odkar so bile te številke izračunane ({time}); nove se že računajo. Čez trenutek osvežite stran.',
  'overview.headline': 'Ključne številke',
  'overview.orders': 'Naročila',
  'overview.customers': 'Stranke',
  'overview.revenue': 'Prihodki',
  'overview.aov': 'Povprečna vrednost naročila',
  'overview.frequency': 'Pogostost nakupov',
  'overview.frequencyPerYear': '{value} na leto',
  'overview.repeatRate': 'Delež ponovnih kupcev',
  'overview.clv': 'Preprosta CLV',
  'formula.orders': 'nakupi: preklicana in v celoti vrnjena naročila niso všteta',
  'formula.customers': 'stranke z vsaj enim nakupom',
  'formula.revenue': 'vsota nakupov brez vračil',
  'formula.aov': 'prihodki ÷ naročila = {revenue} ÷ {orders}',
  'formula.frequency': 'naročila ÷ stranke = {orders} ÷ {customers}',
  'formula.repeatRate': 'stranke z 2 ali več naročili ÷ stranke',
  'formula.clv':
    'povprečna vrednost naročila × naročila na leto × življenjska doba = {aov} × {perYear} × {lifespan} let',
  'formula.lifespan.churn':
    'življenjska doba = 1 ÷ letni osip (stranke, dejavne pred 13–24 meseci, ki od takrat niso naročile)',
  'formula.lifespan.repeat': 'življenjska doba = 1 ÷ (1 − delež ponovnih kupcev): zgodovina je krajša od dveh let',
  'formula.lifespan.given': 'življenjska doba, kot je podana',

  'overview.repeatCurve': 'Krivulja ponovnih nakupov',
  'overview.repeatCurve.help': 'Med strankami z vsaj n naročili delež tistih, ki so naročile še enkrat.',
  'overview.repeatCurve.axis': 'oddana naročila',
  'overview.repeatCurve.series': 'verjetnost še enega naročila',
  'overview.repeatCurve.row': '{orders} → {next}',
  'overview.cohorts': 'Kohorte',
  'overview.cohorts.help':
    'Stranke po mesecu prvega naročila: delež tistih, ki so v posameznem mesecu po njem naročile znova.',
  'overview.cohorts.cohort': 'Prvo naročilo',
  'overview.cohorts.size': 'Stranke',
  'overview.cohorts.month': 'Mesec {n}',
  'overview.growth': 'Razčlenitev rasti',
  'overview.growth.help':
    'Sprememba prihodkov v vsakem četrtletju, razdeljena na več strank, več naročil na stranko in večja naročila.',
  'overview.growth.period': 'Četrtletje',
  'overview.growth.revenue': 'Prihodki',
  'overview.growth.customers': 'Stranke',
  'overview.growth.frequency': 'Naročila na stranko',
  'overview.growth.aov': 'Vrednost naročila',
  'overview.growth.change': 'Sprememba',
  'overview.best': 'Najboljše stranke',
  'overview.best.help': 'Zgornjih 10 % strank po porabi v primerjavi z ostalimi 90 %.',
  'overview.best.measure': 'Kazalnik',
  'overview.best.top': 'Zgornjih 10 %',
  'overview.best.rest': 'Ostalih 90 %',
  'overview.best.customers': 'Stranke',
  'overview.best.orders': 'Naročila na stranko',
  'overview.best.aov': 'Vrednost naročila',
  'overview.best.revenuePerCustomer': 'Prihodki na stranko',
  'overview.best.share': 'Delež prihodkov',
  'overview.clvDistribution': 'Porazdelitev CLV',
  'overview.clvDistribution.help':
    'Napovedana 12-mesečna vrednost posamezne stranke iz zadnje osvežitve kazalnikov; mediana {median}.',
  'overview.clvDistribution.none':
    'Napovedi se prikažejo po prvi osvežitvi kazalnikov (regulars segments refresh ali razporejevalnik).',
  'overview.clvDistribution.bucket': '{from} – {to}',
  'overview.clvDistribution.open': '{from} in več',
  'overview.clvDistribution.series': 'stranke',
  'overview.next': 'Kaj storiti zdaj',
  'overview.next.none': 'Trenutno nič ne izstopa.',
  'action.replenishment.one': '{count} stranka je na vrsti za opomnik za ponovni nakup.',
  'action.replenishment.two': '{count} stranki sta na vrsti za opomnik za ponovni nakup.',
  'action.replenishment.few': '{count} stranke so na vrsti za opomnik za ponovni nakup.',
  'action.replenishment.other': '{count} strank je na vrsti za opomnik za ponovni nakup.',
  'action.win-back.one': '{count} dobra stranka je utihnila: preden ponudite popust, ji pošljite osebno sporočilo.',
  'action.win-back.two': '{count} dobri stranki sta utihnili: preden ponudite popust, jima pošljite osebno sporočilo.',
  'action.win-back.few': '{count} dobre stranke so utihnile: preden ponudite popust, jim pošljite osebno sporočilo.',
  'action.win-back.other': '{count} dobrih strank je utihnilo: preden ponudite popust, jim pošljite osebno sporočilo.',
  'action.second-order.one':
    '{count} nov kupec je naročil pred 14–60 dnevi in od takrat ne več: spodbudite ga k drugemu naročilu.',
  'action.second-order.two':
    '{count} nova kupca sta naročila pred 14–60 dnevi in od takrat ne več: spodbudite ju k drugemu naročilu.',
  'action.second-order.few':
    '{count} novi kupci so naročili pred 14–60 dnevi in od takrat ne več: spodbudite jih k drugemu naročilu.',
  'action.second-order.other':
    '{count} novih kupcev je naročilo pred 14–60 dnevi in od takrat ne več: spodbudite jih k drugemu naročilu.',
  'action.vip.one': '{count} prvak kupuje pogosto in nedavno: namesto s popustom ga nagradite z ravnjo VIP.',
  'action.vip.two': '{count} prvaka kupujeta pogosto in nedavno: namesto s popusti ju nagradite z ravnjo VIP.',
  'action.vip.few': '{count} prvaki kupujejo pogosto in nedavno: namesto s popusti jih nagradite z ravnjo VIP.',
  'action.vip.other': '{count} prvakov kupuje pogosto in nedavno: namesto s popusti jih nagradite z ravnjo VIP.',
  'action.cross-sell.one': 'Izdelki, ki se prodajajo skupaj: par priporočite {count} stranki.',
  'action.cross-sell.two': 'Izdelki, ki se prodajajo skupaj: par priporočite v potrditvah naročil ({count} stranki).',
  'action.cross-sell.few': 'Izdelki, ki se prodajajo skupaj: par priporočite v potrditvah naročil ({count} stranke).',
  'action.cross-sell.other': 'Izdelki, ki se prodajajo skupaj: par priporočite v potrditvah naročil ({count} strank).',
  'action.consent.one':
    '{count} stranka, ki je kupila, nima zabeleženega soglasja za e-pošto: uvozite ga, preden ji pišete.',
  'action.consent.two':
    '{count} stranki, ki sta kupili, nimata zabeleženega soglasja za e-pošto: uvozite ga, preden jima pišete.',
  'action.consent.few':
    '{count} stranke, ki so kupile, nimajo zabeleženega soglasja za e-pošto: uvozite ga, preden jim pišete.',
  'action.consent.other':
    '{count} strank, ki so kupile, nima zabeleženega soglasja za e-pošto: uvozite ga, preden jim pišete.',
  'action.link.flows': 'Nastavite tok',
  'action.link.loyalty': 'Odprite zvestobo',
  'action.link.campaigns': 'Napišite kampanjo',
  'action.link.settings': 'Odprite nastavitve',
  'chart.table': 'Pokaži številke',
  'chart.loading': 'Risanje grafikona …',
} as const satisfies Catalogue;
