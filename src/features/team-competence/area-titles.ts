import type { AreaId } from '../competence/areas.js'

/**
 * Short titles of the framework's areas and domains for the matrix's headers (CF contents page). The competence
 * framework's own reference data (issue 8 §1) is built alongside this view; when it lands these can come from it.
 * Welsh written by the development team, for review by a Welsh speaker.
 */
const areas: Record<AreaId, [en: string, cy: string]> = {
  '1.1': ['Knowledge of social prescribing and its application in Wales', 'Gwybodaeth am bresgripsiynu cymdeithasol a’i ddefnydd yng Nghymru'],
  '1.2a': ['Knowledge of the principles of a person-centred approach', 'Gwybodaeth am egwyddorion dull sy’n canolbwyntio ar yr unigolyn'],
  '1.2b': ['Knowledge of shared decision-making and co-production', 'Gwybodaeth am wneud penderfyniadau ar y cyd a chydgynhyrchu'],
  '1.2c': ['Knowledge of trauma-informed approach', 'Gwybodaeth am ddull wedi’i lywio gan drawma'],
  '1.3': ['Knowledge of factors contributing to social, physical and mental wellbeing', 'Gwybodaeth am y ffactorau sy’n cyfrannu at lesiant cymdeithasol, corfforol a meddyliol'],
  '1.4': ['Knowledge of the impact of social inequalities on health', 'Gwybodaeth am effaith anghydraddoldebau cymdeithasol ar iechyd'],
  '1.5': ['Knowledge of mental and physical health presentations and their impact on wellbeing', 'Gwybodaeth am gyflyrau iechyd meddwl a chorfforol a’u heffaith ar lesiant'],
  '1.6': ['Knowledge of models of behaviour change and strategies to promote it', 'Gwybodaeth am fodelau newid ymddygiad a strategaethau i’w hyrwyddo'],
  '2.1': ['Knowledge of, and ability to work within, professional, legal and ethical frameworks', 'Gwybodaeth am fframweithiau proffesiynol, cyfreithiol a moesegol, a’r gallu i weithio o’u mewn'],
  '2.2': ['Knowledge of, and ability to work with, issues of confidentiality and consent', 'Gwybodaeth am faterion cyfrinachedd a chaniatâd, a’r gallu i weithio gyda nhw'],
  '2.3': ['Able to work with differences', 'Gallu gweithio gyda gwahaniaethau'],
  '2.4': ['Knowledge of safeguarding procedures', 'Gwybodaeth am weithdrefnau diogelu'],
  '2.5': ['Able to work as part of a team', 'Gallu gweithio fel rhan o dîm'],
  '2.6': ['Able to develop a business case', 'Gallu datblygu achos busnes'],
  '2.7a': ['Able to reflect on work', 'Gallu myfyrio ar waith'],
  '2.7b': ['Able to make effective use of supervision and support', 'Gallu gwneud defnydd effeithiol o oruchwyliaeth a chymorth'],
  '3.1': ['Able to develop and maintain referral pathways into social prescribing', 'Gallu datblygu a chynnal llwybrau atgyfeirio i bresgripsiynu cymdeithasol'],
  '3.2': ['Able to maintain and draw on in-depth knowledge of community assets', 'Gallu cynnal a defnyddio gwybodaeth fanwl am asedau cymunedol'],
  '3.3': ['Able to contribute to building community assets', 'Gallu cyfrannu at ddatblygu asedau cymunedol'],
  '4.1': ['Able to use active listening and communication skills', 'Gallu defnyddio sgiliau gwrando gweithredol a chyfathrebu'],
  '4.2': ['Able to develop and maintain a mutual and reciprocal relationship', 'Gallu datblygu a chynnal perthynas gydfuddiannol a dwyochrog'],
  '5.1': ['Able to take a strengths-based approach and work in partnership', 'Gallu mabwysiadu dull sy’n seiliedig ar gryfderau a gweithio mewn partneriaeth'],
  '5.2a': ['Able to use strategies from motivational interviewing', 'Gallu defnyddio strategaethau cyfweld ysgogiadol'],
  '5.2b': ['Able to take a solution-focused approach', 'Gallu mabwysiadu dull sy’n canolbwyntio ar atebion'],
  '5.2c': ['Able to help people develop coping and problem-solving skills', 'Gallu helpu pobl i ddatblygu sgiliau ymdopi a datrys problemau'],
  '5.3': ['Able to co-develop a person-centred action plan', 'Gallu cyd-ddatblygu cynllun gweithredu sy’n canolbwyntio ar yr unigolyn'],
  '5.4': ['Signposting', 'Cyfeirio'],
  '5.5': ['Able to support people to access services and organisations', 'Gallu cefnogi pobl i gael gafael ar wasanaethau a sefydliadau'],
  '6.1': ['Able to monitor progress with community engagement and identify and overcome any challenges', 'Gallu monitro cynnydd gydag ymgysylltu â’r gymuned a nodi a goresgyn unrhyw heriau'],
  '6.2': ['Able to track the impacts of social prescribing', 'Gallu olrhain effeithiau presgripsiynu cymdeithasol'],
  '7.1': ['Meta-competences for social prescribing practitioners', 'Meta-gymwyseddau ar gyfer ymarferwyr presgripsiynu cymdeithasol'],
}

const domains: Record<number, [en: string, cy: string]> = {
  1: ['Knowledge', 'Gwybodaeth'],
  2: ['Professional competences', 'Cymwyseddau proffesiynol'],
  3: ['Establishing networks and partnerships', 'Sefydlu rhwydweithiau a phartneriaethau'],
  4: ['Communication skills', 'Sgiliau cyfathrebu'],
  5: ['Developing and following through on an action plan', 'Datblygu a dilyn cynllun gweithredu'],
  6: ['Monitoring', 'Monitro'],
  7: ['Meta-competences (judgement calls)', 'Meta-gymwyseddau (penderfyniadau barn)'],
}

export const areaTitle = (id: AreaId, lang: 'cy' | 'en'): string => areas[id][lang === 'cy' ? 1 : 0]
export const domainTitle = (domain: number, lang: 'cy' | 'en'): string => domains[domain]?.[lang === 'cy' ? 1 : 0] ?? String(domain)
