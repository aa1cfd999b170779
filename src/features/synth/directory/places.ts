/**
 * Where synthetic directory services are (issue 9): each of the 201 Welsh postcode districts of migration 0006
 * with its post town in English and Welsh, the local authority most of it lies in, and a weight roughly in
 * proportion to the people living there (city districts 5–6, towns 2–4, rural districts 1, villages 0.3), so that services
 * cluster where people live, as in a real directory: more in Cardiff, Swansea and Newport. Districts that are
 * not places (PO boxes, the Senedd, DVLA) weigh 0 and get no services. District codes do not follow authority
 * borders exactly; the authority here is the one holding most of the district, which is all a directory needs.
 *
 * One line a district: `outcode|town|tref|local authority (the last two digits of W060000nn)|weight`.
 */
const table = `
CF3|Cardiff|Caerdydd|15|6
CF5|Cardiff|Caerdydd|15|6
CF10|Cardiff|Caerdydd|15|5
CF11|Cardiff|Caerdydd|15|6
CF14|Cardiff|Caerdydd|15|6
CF15|Cardiff|Caerdydd|15|3
CF23|Cardiff|Caerdydd|15|6
CF24|Cardiff|Caerdydd|15|6
CF30|Cardiff|Caerdydd|15|0
CF31|Bridgend|Pen-y-bont ar Ogwr|13|4
CF32|Bridgend|Pen-y-bont ar Ogwr|13|2
CF33|Bridgend|Pen-y-bont ar Ogwr|13|2
CF34|Maesteg|Maesteg|13|2
CF35|Bridgend|Pen-y-bont ar Ogwr|13|2
CF36|Porthcawl|Porthcawl|13|2
CF37|Pontypridd|Pontypridd|16|4
CF38|Pontypridd|Pontypridd|16|3
CF39|Porth|Y Porth|16|2
CF40|Tonypandy|Tonypandy|16|3
CF41|Pentre|Pentre|16|2
CF42|Treorchy|Treorci|16|2
CF43|Ferndale|Glynrhedynog|16|2
CF44|Aberdare|Aberdâr|16|4
CF45|Mountain Ash|Aberpennar|16|2
CF46|Treharris|Treharris|24|1
CF47|Merthyr Tydfil|Merthyr Tudful|24|3
CF48|Merthyr Tydfil|Merthyr Tudful|24|3
CF61|Llantwit Major|Llanilltud Fawr|14|2
CF62|Barry|Y Barri|14|4
CF63|Barry|Y Barri|14|3
CF64|Penarth|Penarth|14|3
CF71|Cowbridge|Y Bont-faen|14|2
CF72|Pontyclun|Pont-y-clun|16|4
CF81|Bargoed|Bargod|18|2
CF82|Hengoed|Hengoed|18|3
CF83|Caerphilly|Caerffili|18|5
CF91|Cardiff|Caerdydd|15|0
CF95|Cardiff|Caerdydd|15|0
CF99|Cardiff|Caerdydd|15|0
CH5|Deeside|Glannau Dyfrdwy|05|5
CH6|Flint|Y Fflint|05|2
CH7|Mold|Yr Wyddgrug|05|4
CH8|Holywell|Treffynnon|05|3
LD1|Llandrindod Wells|Llandrindod|23|2
LD2|Builth Wells|Llanfair-ym-Muallt|23|1
LD3|Brecon|Aberhonddu|23|2
LD4|Llangammarch Wells|Llangamarch|23|0.3
LD5|Llanwrtyd Wells|Llanwrtyd|23|0.3
LD6|Rhayader|Rhaeadr Gwy|23|1
LD7|Knighton|Trefyclo|23|1
LD8|Presteigne|Llanandras|23|1
LL11|Wrexham|Wrecsam|06|4
LL12|Wrexham|Wrecsam|06|3
LL13|Wrexham|Wrecsam|06|4
LL14|Wrexham|Wrecsam|06|3
LL15|Ruthin|Rhuthun|04|2
LL16|Denbigh|Dinbych|04|2
LL17|St Asaph|Llanelwy|04|1
LL18|Rhyl|Y Rhyl|04|4
LL19|Prestatyn|Prestatyn|04|2
LL20|Llangollen|Llangollen|04|1
LL21|Corwen|Corwen|04|1
LL22|Abergele|Abergele|03|2
LL23|Bala|Y Bala|02|1
LL24|Betws-y-Coed|Betws-y-Coed|03|1
LL25|Dolwyddelan|Dolwyddelan|03|0.3
LL26|Llanrwst|Llanrwst|03|1
LL27|Trefriw|Trefriw|03|0.3
LL28|Colwyn Bay|Bae Colwyn|03|2
LL29|Colwyn Bay|Bae Colwyn|03|3
LL30|Llandudno|Llandudno|03|3
LL31|Conwy|Conwy|03|2
LL32|Conwy|Conwy|03|1
LL33|Llanfairfechan|Llanfairfechan|03|1
LL34|Penmaenmawr|Penmaenmawr|03|1
LL35|Aberdovey|Aberdyfi|02|0.3
LL36|Tywyn|Tywyn|02|1
LL37|Llwyngwril|Llwyngwril|02|0.3
LL38|Fairbourne|Y Friog|02|0.3
LL39|Arthog|Arthog|02|0.3
LL40|Dolgellau|Dolgellau|02|1
LL41|Blaenau Ffestiniog|Blaenau Ffestiniog|02|1
LL42|Barmouth|Abermaw|02|1
LL43|Talybont|Tal-y-bont|02|0.3
LL44|Dyffryn Ardudwy|Dyffryn Ardudwy|02|0.3
LL45|Llanbedr|Llanbedr|02|0.3
LL46|Harlech|Harlech|02|0.3
LL47|Talsarnau|Talsarnau|02|0.3
LL48|Penrhyndeudraeth|Penrhyndeudraeth|02|1
LL49|Porthmadog|Porthmadog|02|1
LL51|Garndolbenmaen|Garndolbenmaen|02|0.3
LL52|Criccieth|Cricieth|02|1
LL53|Pwllheli|Pwllheli|02|2
LL54|Caernarfon|Caernarfon|02|2
LL55|Caernarfon|Caernarfon|02|2
LL56|Y Felinheli|Y Felinheli|02|0.3
LL57|Bangor|Bangor|02|3
LL58|Beaumaris|Biwmares|01|1
LL59|Menai Bridge|Porthaethwy|01|1
LL60|Gaerwen|Gaerwen|01|0.3
LL61|Llanfairpwllgwyngyll|Llanfairpwllgwyngyll|01|1
LL62|Bodorgan|Bodorgan|01|0.3
LL63|Ty Croes|Tŷ Croes|01|0.3
LL64|Rhosneigr|Rhosneigr|01|0.3
LL65|Holyhead|Caergybi|01|2
LL66|Rhosgoch|Rhosgoch|01|0.3
LL67|Cemaes Bay|Cemaes|01|0.3
LL68|Amlwch|Amlwch|01|1
LL69|Penysarn|Pen-y-sarn|01|0.3
LL70|Dulas|Dulas|01|0.3
LL71|Llanerchymedd|Llannerch-y-medd|01|0.3
LL72|Moelfre|Moelfre|01|0.3
LL73|Marianglas|Marianglas|01|0.3
LL74|Tyn-y-Gongl|Tyn-y-gongl|01|0.3
LL75|Pentraeth|Pentraeth|01|0.3
LL76|Llanbedrgoch|Llanbedr-goch|01|0.3
LL77|Llangefni|Llangefni|01|2
LL78|Brynteg|Brynteg|01|0.3
NP4|Pontypool|Pont-y-pŵl|20|3
NP7|Abergavenny|Y Fenni|21|2
NP8|Crickhowell|Crucywel|23|1
NP10|Newport|Casnewydd|22|4
NP11|Newport|Casnewydd|18|3
NP12|Blackwood|Coed-duon|18|4
NP13|Abertillery|Abertyleri|19|2
NP15|Usk|Brynbuga|21|1
NP16|Chepstow|Cas-gwent|21|2
NP18|Newport|Casnewydd|22|3
NP19|Newport|Casnewydd|22|6
NP20|Newport|Casnewydd|22|6
NP22|Tredegar|Tredegar|19|2
NP23|Ebbw Vale|Glynebwy|19|2
NP24|New Tredegar|Tredegar Newydd|18|1
NP25|Monmouth|Trefynwy|21|1
NP26|Caldicot|Cil-y-coed|21|2
NP44|Cwmbran|Cwmbrân|20|4
SA1|Swansea|Abertawe|11|6
SA2|Swansea|Abertawe|11|4
SA3|Swansea|Abertawe|11|3
SA4|Swansea|Abertawe|11|4
SA5|Swansea|Abertawe|11|4
SA6|Swansea|Abertawe|11|3
SA7|Swansea|Abertawe|11|2
SA8|Pontardawe|Pontardawe|12|2
SA9|Ystradgynlais|Ystradgynlais|23|2
SA10|Neath|Castell-nedd|12|3
SA11|Neath|Castell-nedd|12|3
SA12|Port Talbot|Port Talbot|12|3
SA13|Port Talbot|Port Talbot|12|2
SA14|Llanelli|Llanelli|10|3
SA15|Llanelli|Llanelli|10|3
SA16|Burry Port|Porth Tywyn|10|1
SA17|Kidwelly|Cydweli|10|1
SA18|Ammanford|Rhydaman|10|2
SA19|Llandeilo|Llandeilo|10|1
SA20|Llandovery|Llanymddyfri|10|1
SA31|Carmarthen|Caerfyrddin|10|2
SA32|Carmarthen|Caerfyrddin|10|1
SA33|Carmarthen|Caerfyrddin|10|1
SA34|Whitland|Hendy-gwyn|10|1
SA35|Llanfyrnach|Llanfyrnach|09|0.3
SA36|Glogue|Y Glog|09|0.3
SA37|Boncath|Boncath|09|0.3
SA38|Newcastle Emlyn|Castellnewydd Emlyn|10|1
SA39|Pencader|Pencader|10|0.3
SA40|Llanybydder|Llanybydder|10|0.3
SA41|Crymych|Crymych|09|1
SA42|Newport, Pembrokeshire|Trefdraeth|09|1
SA43|Cardigan|Aberteifi|08|1
SA44|Llandysul|Llandysul|08|1
SA45|New Quay|Ceinewydd|08|1
SA46|Aberaeron|Aberaeron|08|1
SA47|Llanarth|Llannarth|08|0.3
SA48|Lampeter|Llanbedr Pont Steffan|08|1
SA61|Haverfordwest|Hwlffordd|09|2
SA62|Haverfordwest|Hwlffordd|09|1
SA63|Clarbeston Road|Clarbeston Road|09|0.3
SA64|Goodwick|Wdig|09|1
SA65|Fishguard|Abergwaun|09|1
SA66|Clynderwen|Clunderwen|09|0.3
SA67|Narberth|Arberth|09|1
SA68|Kilgetty|Cilgeti|09|1
SA69|Saundersfoot|Saundersfoot|09|1
SA70|Tenby|Dinbych-y-pysgod|09|1
SA71|Pembroke|Penfro|09|1
SA72|Pembroke Dock|Doc Penfro|09|2
SA73|Milford Haven|Aberdaugleddau|09|2
SA80|Swansea|Abertawe|11|0
SA99|Swansea|Abertawe|11|0
SY10|Oswestry|Croesoswallt|23|1
SY15|Montgomery|Trefaldwyn|23|1
SY16|Newtown|Y Drenewydd|23|2
SY17|Caersws|Caersŵs|23|1
SY18|Llanidloes|Llanidloes|23|1
SY19|Llanbrynmair|Llanbryn-mair|23|0.3
SY20|Machynlleth|Machynlleth|23|1
SY21|Welshpool|Y Trallwng|23|2
SY22|Llanfyllin|Llanfyllin|23|1
SY23|Aberystwyth|Aberystwyth|08|2
SY24|Borth|Y Borth|08|1
SY25|Ystrad Meurig|Ystrad Meurig|08|0.3
`

export interface Place {
  outcode: string
  town: string
  townCy: string
  localAuthorityCode: string
  weight: number
}

export const places: readonly Place[] = table
  .trim()
  .split('\n')
  .map((line) => {
    const [outcode, town, townCy, la, weight] = line.split('|')
    if (!outcode || !town || !townCy || !la || weight === undefined) throw new Error(`places: bad line ${line}`)
    return { outcode, town, townCy, localAuthorityCode: `W060000${la}`, weight: Number(weight) }
  })

/**
 * The local authorities where most people speak Welsh (Census 2021: Gwynedd, Anglesey, Ceredigion, Carmarthenshire):
 * services there are far more often Welsh-medium or bilingual.
 */
export const WELSH_SPEAKING_AUTHORITIES: readonly string[] = ['W06000001', 'W06000002', 'W06000008', 'W06000010']
