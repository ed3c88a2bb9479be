# Chaozhou: extra requirements for Fenghuang Dancong tea
utds-profile 1
name chaozhou-dancong
extends tea
title-en Chaozhou Fenghuang Dancong tea
title-zh 潮州凤凰单丛茶追加采集要求
region 445100
rule CZ-001 ObjectEvent utds:harvesting error require ilmd/utds:harvestDate
rule CZ-002 TransformationEvent urn:epcglobal:cbv:bizstep:commissioning,utds:processing error require utds:testItem
rule CZ-003 ObjectEvent shipping warning require utds:document if has:bizTransactionList && action=OBSERVE
rule CZ-004 * * error event-time 300
rule CZ-005 * * error scheme sourceList[owning_party] uscc|gs1
