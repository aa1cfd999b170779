import type { accessibilityFeatures, attendingTypes, lifeStages } from '../schema.js'

/*
 * The demo directory (issue 4 §10): fictional but realistic community services across Welsh areas, in both
 * languages. Every organisation, place, phone number (Ofcom's drama ranges) and e-mail address here is invented.
 */

export interface DemoArea {
  key: string
  en: string
  cy: string
  localAuthorityCode: string
  /** Postcode district whose centre (migration 0006) the services sit near. */
  district: string
  latitude: number
  longitude: number
  coastal: boolean
  /** Mostly Welsh-speaking communities get mostly Welsh-medium services. */
  welshSpeaking: boolean
}

export const demoAreas: DemoArea[] = [
  { key: 'cardiff', en: 'Cardiff', cy: 'Caerdydd', localAuthorityCode: 'W06000015', district: 'CF10', latitude: 51.473451, longitude: -3.165409, coastal: true, welshSpeaking: false },
  { key: 'cardiff-north', en: 'Whitchurch', cy: 'Yr Eglwys Newydd', localAuthorityCode: 'W06000015', district: 'CF14', latitude: 51.524243, longitude: -3.193911, coastal: false, welshSpeaking: false },
  { key: 'barry', en: 'Barry', cy: 'Y Barri', localAuthorityCode: 'W06000014', district: 'CF62', latitude: 51.40745, longitude: -3.359659, coastal: true, welshSpeaking: false },
  { key: 'penarth', en: 'Penarth', cy: 'Penarth', localAuthorityCode: 'W06000014', district: 'CF64', latitude: 51.428866, longitude: -3.205866, coastal: true, welshSpeaking: false },
  { key: 'caernarfon', en: 'Caernarfon', cy: 'Caernarfon', localAuthorityCode: 'W06000002', district: 'LL55', latitude: 53.134, longitude: -4.204, coastal: true, welshSpeaking: true },
  { key: 'bangor', en: 'Bangor', cy: 'Bangor', localAuthorityCode: 'W06000002', district: 'LL57', latitude: 53.207, longitude: -4.111, coastal: true, welshSpeaking: true },
  { key: 'llangefni', en: 'Llangefni', cy: 'Llangefni', localAuthorityCode: 'W06000001', district: 'LL77', latitude: 53.26, longitude: -4.311, coastal: false, welshSpeaking: true },
  { key: 'holyhead', en: 'Holyhead', cy: 'Caergybi', localAuthorityCode: 'W06000001', district: 'LL65', latitude: 53.301, longitude: -4.569, coastal: true, welshSpeaking: true },
  { key: 'aberystwyth', en: 'Aberystwyth', cy: 'Aberystwyth', localAuthorityCode: 'W06000008', district: 'SY23', latitude: 52.381, longitude: -4.051, coastal: true, welshSpeaking: true },
  { key: 'cardigan', en: 'Cardigan', cy: 'Aberteifi', localAuthorityCode: 'W06000008', district: 'SA43', latitude: 52.081127, longitude: -4.635905, coastal: true, welshSpeaking: true },
  { key: 'swansea', en: 'Swansea', cy: 'Abertawe', localAuthorityCode: 'W06000011', district: 'SA1', latitude: 51.633739, longitude: -3.920433, coastal: true, welshSpeaking: false },
  { key: 'mumbles', en: 'Mumbles', cy: 'Y Mwmbwls', localAuthorityCode: 'W06000011', district: 'SA3', latitude: 51.587423, longitude: -4.136186, coastal: true, welshSpeaking: false },
  { key: 'llandrindod', en: 'Llandrindod Wells', cy: 'Llandrindod', localAuthorityCode: 'W06000023', district: 'LD1', latitude: 52.293074, longitude: -3.366511, coastal: false, welshSpeaking: false },
  { key: 'newtown', en: 'Newtown', cy: 'Y Drenewydd', localAuthorityCode: 'W06000023', district: 'SY16', latitude: 52.52, longitude: -3.311, coastal: false, welshSpeaking: false },
]

type LifeStage = (typeof lifeStages)[number]
type Attending = (typeof attendingTypes)[number]
export type Feature = (typeof accessibilityFeatures)[number]

export interface DemoKind {
  key: string
  /** Names and descriptions; `{town}` is replaced by the area's name in the same language. */
  name: string
  nameCy: string
  description: string
  descriptionCy: string
  organisation: string
  categories: string[]
  lifeStages: LifeStage[]
  attending: Attending[]
  byday: string
  opens: string
  closes: string
  free: boolean
  cost?: string
  ages?: [number, number]
  dbs?: boolean
  venue: string
  venueCy: string
}

export const demoOrganisations: Record<string, { name: string; nameCy: string; description: string; descriptionCy: string }> = {
  walks: { name: 'Camau Cymru Walking Network', nameCy: 'Rhwydwaith Cerdded Camau Cymru', description: 'Volunteer-led walks for health across Wales.', descriptionCy: 'Teithiau cerdded er iechyd dan arweiniad gwirfoddolwyr ledled Cymru.' },
  sheds: { name: 'Sheds Together Wales', nameCy: 'Siediau Gyda’n Gilydd Cymru', description: 'A network of community sheds.', descriptionCy: 'Rhwydwaith o siediau cymunedol.' },
  arts: { name: 'Llais Arts Collective', nameCy: 'Cywaith Celfyddydau Llais', description: 'Community singing, art and creative groups.', descriptionCy: 'Canu cymunedol, celf a grwpiau creadigol.' },
  advice: { name: 'Cyngor Cymunedol Advice Wales', nameCy: 'Cyngor Cymunedol Cymru', description: 'Free, independent advice on money, debt, benefits and housing.', descriptionCy: 'Cyngor annibynnol am ddim ar arian, dyled, budd-daliadau a thai.' },
  friends: { name: 'Ffrind i Mi Befriending', nameCy: 'Cyfeillio Ffrind i Mi', description: 'Befriending and social groups that reduce loneliness.', descriptionCy: 'Cyfeillio a grwpiau cymdeithasol sy’n lleihau unigrwydd.' },
  outdoors: { name: 'Awyr Agored Outdoors Trust', nameCy: 'Ymddiriedolaeth Awyr Agored', description: 'Green and blue activities: running, swimming, growing.', descriptionCy: 'Gweithgareddau gwyrdd a glas: rhedeg, nofio, tyfu.' },
  digital: { name: 'Digi Cymuned', nameCy: 'Digi Cymuned', description: 'Help to get online and stay safe online.', descriptionCy: 'Help i fynd ar-lein ac aros yn ddiogel ar-lein.' },
  carers: { name: 'Gofalu Carers Network', nameCy: 'Rhwydwaith Gofalwyr Gofalu', description: 'Support, breaks and friendship for unpaid carers.', descriptionCy: 'Cymorth, seibiant a chyfeillgarwch i ofalwyr di-dâl.' },
  food: { name: 'Bwyd i Bawb Food Partnership', nameCy: 'Partneriaeth Fwyd Bwyd i Bawb', description: 'Food banks, community meals and cooking.', descriptionCy: 'Banciau bwyd, prydau cymunedol a choginio.' },
  iaith: { name: 'Menter Iaith Leol', nameCy: 'Menter Iaith Leol', description: 'Welsh language activities for learners and speakers.', descriptionCy: 'Gweithgareddau Cymraeg i ddysgwyr a siaradwyr.' },
  youth: { name: 'Ieuenctid Ymlaen Youth Work', nameCy: 'Gwaith Ieuenctid Ieuenctid Ymlaen', description: 'Youth clubs, play and family support.', descriptionCy: 'Clybiau ieuenctid, chwarae a chymorth i deuluoedd.' },
  health: { name: 'Byw’n Dda Health Charity', nameCy: 'Elusen Iechyd Byw’n Dda', description: 'Peer support for mental wellbeing and long-term conditions.', descriptionCy: 'Cymorth gan gymheiriaid ar gyfer llesiant meddyliol a chyflyrau hirdymor.' },
  homes: { name: 'Cartref Housing Support', nameCy: 'Cymorth Tai Cartref', description: 'Tenancy support and housing advice.', descriptionCy: 'Cymorth tenantiaeth a chyngor tai.' },
  volunteer: { name: 'Gwirfoddoli Volunteer Centres', nameCy: 'Canolfannau Gwirfoddoli', description: 'Volunteering opportunities and help into work.', descriptionCy: 'Cyfleoedd gwirfoddoli a help i fynd i waith.' },
}

export const demoKinds: DemoKind[] = [
  { key: 'walks', name: '{town} Health Walks', nameCy: 'Teithiau Cerdded Iechyd {town}', description: 'Short, gentle walks of about an hour led by trained volunteers, ending with a cuppa. Good for anyone starting to get active again.', descriptionCy: 'Teithiau cerdded byr, hamddenol o tua awr dan arweiniad gwirfoddolwyr hyfforddedig, a phaned ar y diwedd. Da i unrhyw un sy’n dechrau bod yn egnïol eto.', organisation: 'walks', categories: ['physical_activity', 'green', 'older_people'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'TU', opens: '10:00', closes: '11:30', free: true, venue: 'Park gates', venueCy: 'Gatiau’r parc' },
  { key: 'shed', name: '{town} Men’s Shed', nameCy: 'Sied Dynion {town}', description: 'A workshop where people (mostly men, all welcome) make, mend and chat. Woodwork, repairs and community projects.', descriptionCy: 'Gweithdy lle mae pobl (dynion gan amlaf, croeso i bawb) yn gwneud, trwsio a sgwrsio. Gwaith coed, atgyweirio a phrosiectau cymunedol.', organisation: 'sheds', categories: ['social', 'employment_and_volunteering', 'mental_wellbeing'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'MO,TH', opens: '09:30', closes: '13:00', free: true, cost: 'Suggested donation £2 a session', venue: 'The Shed, Old Depot', venueCy: 'Y Sied, yr Hen Ddepo' },
  { key: 'choir', name: '{town} Community Choir', nameCy: 'Côr Cymunedol {town}', description: 'A friendly choir with no auditions; songs in Welsh and English learned by ear.', descriptionCy: 'Côr cyfeillgar heb glyweliadau; caneuon Cymraeg a Saesneg yn cael eu dysgu ar y glust.', organisation: 'arts', categories: ['creative', 'social'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'WE', opens: '19:00', closes: '20:30', free: false, cost: '£3 a session, first month free', venue: 'Chapel vestry', venueCy: 'Festri’r capel' },
  { key: 'debt', name: '{town} Money and Debt Advice', nameCy: 'Cyngor Arian a Dyled {town}', description: 'Free, confidential help with debts, benefits checks, budgeting and energy bills. Appointments in person or by phone.', descriptionCy: 'Help cyfrinachol am ddim gyda dyledion, gwiriadau budd-daliadau, cyllidebu a biliau ynni. Apwyntiadau wyneb yn wyneb neu dros y ffôn.', organisation: 'advice', categories: ['money_and_benefits', 'housing'], lifeStages: ['adults', 'older_people', 'families'], attending: ['in_person', 'phone'], byday: 'MO,WE,FR', opens: '09:00', closes: '16:00', free: true, venue: 'Advice centre', venueCy: 'Canolfan gyngor' },
  { key: 'befriending', name: '{town} Befriending', nameCy: 'Cyfeillio {town}', description: 'A trained volunteer visits or phones every week for a chat, and can come along to local groups.', descriptionCy: 'Mae gwirfoddolwr hyfforddedig yn ymweld neu’n ffonio bob wythnos am sgwrs, a gall ddod gyda chi i grwpiau lleol.', organisation: 'friends', categories: ['social', 'older_people', 'mental_wellbeing'], lifeStages: ['older_people'], attending: ['in_person', 'phone'], byday: 'MO,TU,WE,TH,FR', opens: '10:00', closes: '16:00', free: true, dbs: true, venue: 'Community hub', venueCy: 'Hwb cymunedol' },
  { key: 'run', name: '{town} Saturday 5k', nameCy: '5k Sadwrn {town}', description: 'A free, timed 5k walk, jog or run every Saturday morning. Walkers and volunteers very welcome.', descriptionCy: 'Taith gerdded, loncian neu redeg 5k am ddim wedi’i hamseru bob bore Sadwrn. Croeso mawr i gerddwyr a gwirfoddolwyr.', organisation: 'outdoors', categories: ['physical_activity', 'green'], lifeStages: ['children', 'young_people', 'adults', 'older_people', 'families'], attending: ['in_person'], byday: 'SA', opens: '09:00', closes: '10:00', free: true, venue: 'Park café', venueCy: 'Caffi’r parc' },
  { key: 'swim', name: '{town} Sea Swimmers', nameCy: 'Nofwyr Môr {town}', description: 'A supportive group for cold-water dips and sea swimming, with safety briefings and buddies for beginners.', descriptionCy: 'Grŵp cefnogol ar gyfer trochi mewn dŵr oer a nofio yn y môr, gyda sgyrsiau diogelwch a chyfeillion i ddechreuwyr.', organisation: 'outdoors', categories: ['blue', 'physical_activity', 'mental_wellbeing'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'SU', opens: '08:00', closes: '09:30', free: true, venue: 'Slipway', venueCy: 'Y llithrfa' },
  { key: 'garden', name: '{town} Community Garden', nameCy: 'Gardd Gymunedol {town}', description: 'Grow fruit and vegetables together, learn gardening skills and take home what you grow.', descriptionCy: 'Tyfu ffrwythau a llysiau gyda’n gilydd, dysgu sgiliau garddio a mynd â’r hyn rydych chi’n ei dyfu adref.', organisation: 'outdoors', categories: ['green', 'food', 'employment_and_volunteering'], lifeStages: ['adults', 'older_people', 'families'], attending: ['in_person'], byday: 'TU,SA', opens: '10:00', closes: '14:00', free: true, venue: 'Allotments', venueCy: 'Y rhandiroedd' },
  { key: 'digital', name: '{town} Digital Drop-in', nameCy: 'Sesiwn Galw Heibio Digidol {town}', description: 'Bring your phone, tablet or laptop: help with video calls, online shopping, NHS app and staying safe online. Loan devices available.', descriptionCy: 'Dewch â’ch ffôn, llechen neu liniadur: help gyda galwadau fideo, siopa ar-lein, ap y GIG ac aros yn ddiogel ar-lein. Dyfeisiau ar fenthyg ar gael.', organisation: 'digital', categories: ['digital_inclusion', 'learning_and_skills', 'older_people'], lifeStages: ['adults', 'older_people'], attending: ['in_person', 'online'], byday: 'TH', opens: '13:00', closes: '15:00', free: true, venue: 'Library', venueCy: 'Llyfrgell' },
  { key: 'carers', name: '{town} Carers’ Café', nameCy: 'Caffi Gofalwyr {town}', description: 'A monthly café for unpaid carers: a break, a chat with others who understand, and advice on carers’ rights.', descriptionCy: 'Caffi misol i ofalwyr di-dâl: seibiant, sgwrs ag eraill sy’n deall, a chyngor ar hawliau gofalwyr.', organisation: 'carers', categories: ['carers_support', 'peer_support'], lifeStages: ['adults', 'older_people', 'young_people'], attending: ['in_person'], byday: 'FR', opens: '10:30', closes: '12:30', free: true, venue: 'Community centre', venueCy: 'Canolfan gymunedol' },
  { key: 'foodbank', name: '{town} Food Bank', nameCy: 'Banc Bwyd {town}', description: 'Emergency food parcels with a voucher from a referrer, plus advice on money and benefits at every session.', descriptionCy: 'Parseli bwyd brys gyda thaleb gan atgyfeiriwr, a chyngor ar arian a budd-daliadau ym mhob sesiwn.', organisation: 'food', categories: ['food', 'money_and_benefits'], lifeStages: ['adults', 'families', 'older_people'], attending: ['in_person'], byday: 'TU,FR', opens: '11:00', closes: '14:00', free: true, venue: 'Church hall', venueCy: 'Neuadd yr eglwys' },
  { key: 'sgwrs', name: '{town} Welsh Conversation Group', nameCy: 'Grŵp Sgwrsio Cymraeg {town}', description: 'Practise your Welsh over coffee with friendly fluent speakers. All levels, from beginners up.', descriptionCy: 'Ymarfer eich Cymraeg dros baned gyda siaradwyr rhugl cyfeillgar. Pob lefel, o ddechreuwyr i fyny.', organisation: 'iaith', categories: ['learning_and_skills', 'social'], lifeStages: ['adults', 'older_people'], attending: ['in_person', 'online'], byday: 'WE', opens: '11:00', closes: '12:00', free: true, venue: 'Café', venueCy: 'Caffi' },
  { key: 'youth', name: '{town} Youth Club', nameCy: 'Clwb Ieuenctid {town}', description: 'Games, sport, music and trips for 11 to 18 year olds, with youth workers to talk to.', descriptionCy: 'Gemau, chwaraeon, cerddoriaeth a thripiau i bobl ifanc 11 i 18 oed, gyda gweithwyr ieuenctid i siarad â nhw.', organisation: 'youth', categories: ['children_families_play'], lifeStages: ['young_people'], attending: ['in_person'], byday: 'TU,TH', opens: '18:00', closes: '20:30', free: true, ages: [11, 18], dbs: true, venue: 'Youth centre', venueCy: 'Canolfan ieuenctid' },
  { key: 'play', name: '{town} Stay and Play', nameCy: 'Aros a Chwarae {town}', description: 'Play sessions for babies and toddlers with their parents or carers; meet other families.', descriptionCy: 'Sesiynau chwarae i fabanod a phlant bach gyda’u rhieni neu ofalwyr; cwrdd â theuluoedd eraill.', organisation: 'youth', categories: ['children_families_play', 'social'], lifeStages: ['children', 'families'], attending: ['in_person'], byday: 'MO', opens: '09:30', closes: '11:30', free: true, ages: [0, 5], dbs: true, venue: 'Family centre', venueCy: 'Canolfan deuluoedd' },
  { key: 'wellbeing', name: '{town} Wellbeing Circle', nameCy: 'Cylch Llesiant {town}', description: 'A peer support group for low mood, anxiety and stress, run by people with lived experience.', descriptionCy: 'Grŵp cymorth gan gymheiriaid ar gyfer hwyliau isel, gorbryder a straen, dan arweiniad pobl â phrofiad bywyd.', organisation: 'health', categories: ['mental_wellbeing', 'peer_support'], lifeStages: ['adults'], attending: ['in_person', 'online'], byday: 'TH', opens: '18:30', closes: '20:00', free: true, venue: 'Wellbeing hub', venueCy: 'Hwb llesiant' },
  { key: 'breathe', name: '{town} Breathe Easy Group', nameCy: 'Grŵp Anadlu’n Rhwydd {town}', description: 'Support, gentle exercise and singing for people living with lung conditions such as COPD, and their families.', descriptionCy: 'Cymorth, ymarfer corff ysgafn a chanu i bobl sy’n byw gyda chyflyrau’r ysgyfaint fel COPD, a’u teuluoedd.', organisation: 'health', categories: ['long_term_conditions', 'peer_support', 'physical_activity'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'MO', opens: '14:00', closes: '15:30', free: true, venue: 'Leisure centre', venueCy: 'Canolfan hamdden' },
  { key: 'tenancy', name: '{town} Tenancy Support', nameCy: 'Cymorth Tenantiaeth {town}', description: 'Help to keep your home: rent arrears, repairs, moving, and setting up a new tenancy.', descriptionCy: 'Help i gadw eich cartref: ôl-ddyledion rhent, atgyweirio, symud, a sefydlu tenantiaeth newydd.', organisation: 'homes', categories: ['housing', 'money_and_benefits'], lifeStages: ['adults', 'families', 'young_people'], attending: ['in_person', 'phone'], byday: 'TU,TH', opens: '09:00', closes: '17:00', free: true, venue: 'Housing office', venueCy: 'Swyddfa dai' },
  { key: 'volunteer', name: '{town} Volunteer Centre', nameCy: 'Canolfan Wirfoddoli {town}', description: 'Find volunteering that suits you, build confidence and skills, and get help with CVs and applications.', descriptionCy: 'Dod o hyd i waith gwirfoddol sy’n addas i chi, magu hyder a sgiliau, a chael help gyda CV a cheisiadau.', organisation: 'volunteer', categories: ['employment_and_volunteering', 'learning_and_skills'], lifeStages: ['young_people', 'adults', 'older_people'], attending: ['in_person', 'online'], byday: 'MO,WE', opens: '10:00', closes: '15:00', free: true, venue: 'Volunteer centre', venueCy: 'Canolfan wirfoddoli' },
  { key: 'lunch', name: '{town} Lunch Club', nameCy: 'Clwb Cinio {town}', description: 'A hot two-course lunch and good company every week, with transport for those who need it.', descriptionCy: 'Cinio poeth dau gwrs a chwmni da bob wythnos, gyda chludiant i’r rhai sydd ei angen.', organisation: 'food', categories: ['older_people', 'food', 'social'], lifeStages: ['older_people'], attending: ['in_person'], byday: 'WE', opens: '12:00', closes: '14:00', free: false, cost: '£4.50 for lunch', venue: 'Memorial hall', venueCy: 'Neuadd goffa' },
  { key: 'art', name: '{town} Art for Wellbeing', nameCy: 'Celf er Llesiant {town}', description: 'Relaxed art and craft sessions with an artist: painting, printing and textiles. No experience needed.', descriptionCy: 'Sesiynau celf a chrefft hamddenol gydag artist: peintio, argraffu a thecstilau. Does dim angen profiad.', organisation: 'arts', categories: ['creative', 'mental_wellbeing'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'FR', opens: '13:30', closes: '15:30', free: false, cost: '£2 towards materials', venue: 'Arts centre', venueCy: 'Canolfan y celfyddydau' },
]

/** Which kinds of service each area has. */
export const demoPlan: Record<string, string[]> = {
  cardiff: ['walks', 'debt', 'foodbank', 'wellbeing', 'digital', 'tenancy', 'youth'],
  'cardiff-north': ['shed', 'choir', 'carers', 'run', 'breathe'],
  barry: ['swim', 'befriending', 'foodbank', 'play', 'volunteer'],
  penarth: ['walks', 'art', 'lunch', 'swim'],
  caernarfon: ['sgwrs', 'shed', 'youth', 'debt', 'garden'],
  bangor: ['digital', 'wellbeing', 'run', 'carers', 'foodbank'],
  llangefni: ['befriending', 'lunch', 'garden', 'play'],
  holyhead: ['swim', 'tenancy', 'volunteer', 'art'],
  aberystwyth: ['swim', 'sgwrs', 'wellbeing', 'garden', 'breathe'],
  cardigan: ['choir', 'carers', 'lunch', 'walks'],
  swansea: ['debt', 'digital', 'youth', 'shed', 'run', 'foodbank'],
  mumbles: ['swim', 'walks', 'art'],
  llandrindod: ['walks', 'befriending', 'breathe', 'garden'],
  newtown: ['shed', 'debt', 'play', 'choir', 'volunteer'],
}

/** Services that are not one of the kinds: Welsh-medium ones with accented names, and one with no Welsh text. */
export interface DemoSpecial extends Omit<DemoKind, 'key'> {
  key: string
  area: string
  nameCy: string
  welsh: 'welsh_medium' | 'bilingual' | 'english_only'
  /** The English description is missing (shown in Welsh with a note). */
  noEnglishDescription?: boolean
  /** No Welsh name or description (shown in English with a note). */
  noWelsh?: boolean
  features: Feature[]
}

export const demoSpecials: DemoSpecial[] = [
  { key: 'can-a-chwmni', area: 'caernarfon', name: 'Song and Company Caernarfon', nameCy: 'Cân a Chwmni Caernarfon', description: 'A Welsh-medium singing afternoon for older people and people living with dementia, with tea and cake.', descriptionCy: 'Prynhawn canu cyfrwng Cymraeg i bobl hŷn a phobl sy’n byw gyda dementia, gyda the a chacen.', organisation: 'arts', categories: ['creative', 'older_people', 'long_term_conditions'], lifeStages: ['older_people'], attending: ['in_person'], byday: 'TU', opens: '14:00', closes: '16:00', free: true, venue: 'Neuadd y Dref', venueCy: 'Neuadd y Dref', welsh: 'welsh_medium', features: ['step_free', 'hearing_loop', 'accessible_toilet', 'large_print'] },
  { key: 'grwp-cerdded-llangefni', area: 'llangefni', name: 'Llangefni Walking Group', nameCy: 'Grŵp Cerdded Llangefni', description: 'Weekly Welsh-medium walks along the Cefni river and the Dingle nature reserve.', descriptionCy: 'Teithiau cerdded wythnosol trwy gyfrwng y Gymraeg ar hyd afon Cefni a gwarchodfa natur y Dingle.', organisation: 'walks', categories: ['green', 'physical_activity', 'social'], lifeStages: ['adults', 'older_people'], attending: ['in_person'], byday: 'TH', opens: '10:00', closes: '12:00', free: true, venue: 'Y Dingle', venueCy: 'Y Dingle', welsh: 'welsh_medium', features: ['parking', 'near_public_transport'] },
  { key: 'clwb-gwau-aberteifi', area: 'cardigan', name: 'Cardigan Knitting Club', nameCy: 'Clwb Gwau Aberteifi', description: '', descriptionCy: 'Clwb gwau a sgwrsio cyfrwng Cymraeg bob prynhawn dydd Llun. Dewch â’ch gwlân eich hun neu defnyddiwch ein gwlân ni.', organisation: 'arts', categories: ['creative', 'social', 'older_people'], lifeStages: ['older_people', 'adults'], attending: ['in_person'], byday: 'MO', opens: '14:00', closes: '16:00', free: true, venue: 'Canolfan Teifi', venueCy: 'Canolfan Teifi', welsh: 'welsh_medium', noEnglishDescription: true, features: ['step_free', 'quiet_space'] },
  { key: 'cardiff-bay-rowing', area: 'cardiff', name: 'Cardiff Bay Community Rowing', nameCy: '', description: 'Learn to row on the sheltered waters of Cardiff Bay in stable boats. Taster sessions for beginners; life jackets provided.', descriptionCy: '', organisation: 'outdoors', categories: ['blue', 'physical_activity'], lifeStages: ['young_people', 'adults'], attending: ['in_person'], byday: 'SA,SU', opens: '09:00', closes: '12:00', free: false, cost: '£5 a session, free taster', venue: 'Boathouse', venueCy: 'Tŷ cychod', welsh: 'english_only', noWelsh: true, features: ['parking', 'accessible_toilet'] },
  { key: 'llinell-gyfeillio', area: 'national', name: 'Wales Befriending Phone Line', nameCy: 'Llinell Ffôn Gyfeillio Cymru', description: 'A weekly friendly phone call from a volunteer, in Welsh or English, wherever you live in Wales.', descriptionCy: 'Galwad ffôn gyfeillgar wythnosol gan wirfoddolwr, yn Gymraeg neu yn Saesneg, lle bynnag yr ydych yn byw yng Nghymru.', organisation: 'friends', categories: ['social', 'older_people', 'mental_wellbeing'], lifeStages: ['adults', 'older_people'], attending: ['phone'], byday: 'MO,TU,WE,TH,FR', opens: '10:00', closes: '18:00', free: true, dbs: true, venue: '', venueCy: '', welsh: 'bilingual', features: [] },
  { key: 'ar-lein-llesiant', area: 'national', name: 'Online Mindfulness for Carers', nameCy: 'Ymwybyddiaeth Ofalgar Ar-lein i Ofalwyr', description: 'An eight-week online mindfulness course for unpaid carers, in the evening by video call.', descriptionCy: 'Cwrs ymwybyddiaeth ofalgar ar-lein wyth wythnos i ofalwyr di-dâl, gyda’r nos drwy alwad fideo.', organisation: 'carers', categories: ['carers_support', 'mental_wellbeing', 'digital_inclusion'], lifeStages: ['adults'], attending: ['online'], byday: 'WE', opens: '19:30', closes: '20:30', free: true, venue: '', venueCy: '', welsh: 'bilingual', features: [] },
]
