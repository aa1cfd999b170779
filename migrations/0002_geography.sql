-- Welsh geography as reference data (DESIGN §3): local authority (22) → health board (7) → regional partnership
-- board (7). Local authority and health board codes are the ONS GSS codes in force since April 2019
-- (Open Government Licence; ONS Register of Geographic Codes). RPBs have no GSS code, so Cyswllt gives each a
-- stable slug. RPB footprints match health board footprints, which is what lets the hierarchy nest.
create table regional_partnership_boards (
  code text primary key,
  name_en text not null,
  name_cy text not null
);

create table health_boards (
  code text primary key check (code ~ '^W11[0-9]{6}$'),
  name_en text not null,
  name_cy text not null,
  regional_partnership_board_code text not null references regional_partnership_boards (code)
);

create table local_authorities (
  code text primary key check (code ~ '^W06[0-9]{6}$'),
  name_en text not null,
  name_cy text not null,
  health_board_code text not null references health_boards (code)
);
create index local_authorities_health_board_idx on local_authorities (health_board_code);

insert into regional_partnership_boards (code, name_en, name_cy) values
  ('north-wales', 'North Wales Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Gogledd Cymru'),
  ('west-wales', 'West Wales Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru'),
  ('powys', 'Powys Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Powys'),
  ('west-glamorgan', 'West Glamorgan Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Gorllewin Morgannwg'),
  ('cwm-taf-morgannwg', 'Cwm Taf Morgannwg Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Cwm Taf Morgannwg'),
  ('cardiff-and-vale', 'Cardiff and Vale Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Caerdydd a''r Fro'),
  ('gwent', 'Gwent Regional Partnership Board', 'Bwrdd Partneriaeth Rhanbarthol Gwent');

insert into health_boards (code, name_en, name_cy, regional_partnership_board_code) values
  ('W11000023', 'Betsi Cadwaladr University Health Board', 'Bwrdd Iechyd Prifysgol Betsi Cadwaladr', 'north-wales'),
  ('W11000024', 'Powys Teaching Health Board', 'Bwrdd Iechyd Addysgu Powys', 'powys'),
  ('W11000025', 'Hywel Dda University Health Board', 'Bwrdd Iechyd Prifysgol Hywel Dda', 'west-wales'),
  ('W11000028', 'Aneurin Bevan University Health Board', 'Bwrdd Iechyd Prifysgol Aneurin Bevan', 'gwent'),
  ('W11000029', 'Cardiff and Vale University Health Board', 'Bwrdd Iechyd Prifysgol Caerdydd a''r Fro', 'cardiff-and-vale'),
  ('W11000030', 'Cwm Taf Morgannwg University Health Board', 'Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg', 'cwm-taf-morgannwg'),
  ('W11000031', 'Swansea Bay University Health Board', 'Bwrdd Iechyd Prifysgol Bae Abertawe', 'west-glamorgan');

insert into local_authorities (code, name_en, name_cy, health_board_code) values
  ('W06000001', 'Isle of Anglesey', 'Ynys Môn', 'W11000023'),
  ('W06000002', 'Gwynedd', 'Gwynedd', 'W11000023'),
  ('W06000003', 'Conwy', 'Conwy', 'W11000023'),
  ('W06000004', 'Denbighshire', 'Sir Ddinbych', 'W11000023'),
  ('W06000005', 'Flintshire', 'Sir y Fflint', 'W11000023'),
  ('W06000006', 'Wrexham', 'Wrecsam', 'W11000023'),
  ('W06000008', 'Ceredigion', 'Ceredigion', 'W11000025'),
  ('W06000009', 'Pembrokeshire', 'Sir Benfro', 'W11000025'),
  ('W06000010', 'Carmarthenshire', 'Sir Gaerfyrddin', 'W11000025'),
  ('W06000011', 'Swansea', 'Abertawe', 'W11000031'),
  ('W06000012', 'Neath Port Talbot', 'Castell-nedd Port Talbot', 'W11000031'),
  ('W06000013', 'Bridgend', 'Pen-y-bont ar Ogwr', 'W11000030'),
  ('W06000014', 'Vale of Glamorgan', 'Bro Morgannwg', 'W11000029'),
  ('W06000015', 'Cardiff', 'Caerdydd', 'W11000029'),
  ('W06000016', 'Rhondda Cynon Taf', 'Rhondda Cynon Taf', 'W11000030'),
  ('W06000018', 'Caerphilly', 'Caerffili', 'W11000028'),
  ('W06000019', 'Blaenau Gwent', 'Blaenau Gwent', 'W11000028'),
  ('W06000020', 'Torfaen', 'Tor-faen', 'W11000028'),
  ('W06000021', 'Monmouthshire', 'Sir Fynwy', 'W11000028'),
  ('W06000022', 'Newport', 'Casnewydd', 'W11000028'),
  ('W06000023', 'Powys', 'Powys', 'W11000024'),
  ('W06000024', 'Merthyr Tydfil', 'Merthyr Tudful', 'W11000030');
