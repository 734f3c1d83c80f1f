// ZoneScreen web page: paste coordinates, upload a boundary or click the map, describe the project,
// and read the screening result. Plain JavaScript, no build step; Leaflet is served from /vendor/leaflet.
'use strict';

(function () {
  // ---------------------------------------------------------------- labels
  const VERDICT = {
    prohibited: { name: '禁止', css: 'v-prohibited', says: '依据下列规定，本项目不得在此选址建设。' },
    restricted: { name: '限制', css: 'v-restricted', says: '本项目在此选址受到严格限制，须满足下列条件或经主管部门审批。' },
    needsAssessment: { name: '需论证', css: 'v-assess', says: '可以考虑在此选址，但须按下列规定开展专项论证或评价。' },
    compliant: { name: '符合', css: 'v-compliant', says: '未发现禁止、限制或须论证的规定，仍须遵守下方的管控要求。' },
  };
  const EFFECT = { prohibited: '禁止', restricted: '限制', needsAssessment: '需论证', requirement: '要求' };
  const DIMENSIONS = [
    ['spatialLayout', '空间布局约束'],
    ['pollutantDischarge', '污染物排放管控'],
    ['environmentalRisk', '环境风险防控'],
    ['resourceEfficiency', '资源开发效率要求'],
  ];
  const LEVELS = [
    ['province', '省级总体准入要求'],
    ['city', '市级总体准入要求'],
    ['class', '分类管控要求'],
    ['unit', '单元准入清单'],
  ];
  const UNIT_CLASS = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' };
  const UNIT_COLOUR = { 1: '#9fdc8f', 2: '#f4a75e', 3: '#c9c9c9' };
  const RIVER_CLASS = { mainStream: '干流', importantTributary: '重要支流', tributary: '支流' };
  const NATURE = { new: '新建', expansion: '扩建', rebuild: '改建' };
  // Flag words, from /api/dataset (the flags the dataset's rules use).
  const FLAG = {};
  const MISSING = { clauseReading: '未能自动判定，需人工核对', parksLayer: '缺少园区图层，需核对', parkCompliance: '园区是否合规未注明，需核对',
    protectionLevel: '保护区级别未注明，需核对', sensitiveLayer: '缺少敏感区图层，需核对', categoryTable: '缺少分类表，需核对',
    threshold: '规模或产能未说明，需核对', conformity: '需核对是否符合', object: '条款所指对象不明，需人工核对',
    place: '需核对站点是否位于条款所说的范围', process: '需核对项目是否采用该工艺或原料' };
  const DECIDED = { reader: '自动识别', person: '人工核对', dataset: '条款文件写明' };
  const PARK_KIND = { chemical: '化工园区', industrial: '工业园区' };
  const BASELINE = { waterline: '临水线', outerBoundary: '外缘边界线', managementBoundary: '河道管理范围线', centreline: '河道中心线', centerline: '河道中心线' };
  const DATUM = { wgs84: 'CGCS2000 / WGS84（天地图、GPS）', gcj02: 'GCJ-02（高德、腾讯）', bd09: 'BD-09（百度）' };
  const GEOMETRY = { Point: '点', MultiPoint: '多点', LineString: '线', MultiLineString: '多段线', Polygon: '地块（面）', MultiPolygon: '多个地块' };
  const INDUSTRY_LEVEL = { section: '门类', division: '大类', group: '中类', class: '小类' };
  const REASON_KIND = { shorelineBand: '岸线距离带', clause: '准入清单条款', redLine: '生态保护红线', unitClass: '管控单元类别', sensitiveArea: '敏感区', region: '全域规则' };

  // ---------------------------------------------------------------- small helpers
  const $ = (id) => document.getElementById(id);
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }
  const num = (x, digits) => Number(x).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  function pct(share) {
    if (share === undefined || share === null) return '—';
    const p = share * 100;
    if (p > 0 && p < 0.01) return '<0.01%';
    return num(p, p === 100 || p === 0 ? 0 : 2) + '%';
  }
  function area(a) {
    if (!a) return null;
    const ha = a.hectares !== undefined ? a.hectares : a.squareMetres / 10000;
    const mu = a.mu !== undefined ? a.mu : a.squareMetres / (10000 / 15);
    return `${num(a.squareMetres, 0)} 平方米 ／ ${num(ha, ha < 1 ? 4 : 2)} 公顷 ／ ${num(mu, 2)} 亩`;
  }
  function metres(d) {
    if (!d || d.metres === undefined) return '—';
    const m = d.metres;
    return m >= 1000 ? `${num(m, 1)} 米（${num(m / 1000, 2)} 公里）` : `${num(m, 1)} 米`;
  }
  function method(m) {
    if (!m) return '';
    if (typeof m === 'string') return m.replace(/^projected\s*\(?([^)]*)\)?$/, (_, c) => `投影平面量算（${c}）`).replace(/^ellipsoidal$/, 'CGCS2000 椭球面大地线量算');
    if (m.method === 'projected') return `投影平面量算（${m.crs || ''}）`;
    if (m.method === 'ellipsoidal') return 'CGCS2000 椭球面大地线量算';
    return String(m.method || '');
  }
  function overlapText(o, pointWord) {
    if (!o) return '—';
    if (o.area) return area(o.area);
    if (o.length) return `${num(o.length.metres, 1)} 米`;
    return pointWord || '站点位于其中';
  }
  function source(s) {
    if (!s) return '';
    const title = s.title || s.document || '';
    return `《${title.replace(/^《|》$/g, '')}》${s.article ? ' ' + s.article : ''}`;
  }
  function effectBadge(effect) {
    return h('span', { class: `badge e-${effect}` }, EFFECT[effect] || effect);
  }
  function table(caption, headers, rows) {
    return h('div', { class: 'table-wrap' },
      h('table', {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
  }

  // ---------------------------------------------------------------- API
  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, Object.assign({ headers: { 'Accept': 'application/json', 'Accept-Language': 'zh-CN' } }, options || {}));
    } catch (e) {
      throw new Error('无法连接筛查服务，请检查网络或稍后再试。');
    }
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      if (body && body.error && body.error.message) throw new Error(body.error.message);
      if (response.status === 413) throw new Error('提交的内容太大，超过了服务允许的大小。请缩小文件后再试。');
      throw new Error(`筛查服务出错（HTTP ${response.status}），请稍后再试。`);
    }
    if (body === null) throw new Error('筛查服务返回的内容无法读取。');
    return body;
  }

  // ---------------------------------------------------------------- web-map offsets (only to draw the site;
  // the service does the authoritative conversion)
  const GCJ_A = 6378245.0, GCJ_EE = 0.00669342162296594323, X_PI = Math.PI * 3000.0 / 180.0;
  function outOfChina(lon, lat) { return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271; }
  function wgsToGcj(lon, lat) {
    if (outOfChina(lon, lat)) return [lon, lat];
    const x = lon - 105.0, y = lat - 35.0;
    let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    dLat += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    dLat += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    dLat += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    dLon += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    dLon += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    dLon += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    const radLat = lat / 180.0 * Math.PI;
    let magic = Math.sin(radLat);
    magic = 1 - GCJ_EE * magic * magic;
    const sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (GCJ_A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return [lon + dLon, lat + dLat];
  }
  function gcjToWgs(lon, lat) {
    let w = [lon, lat];
    for (let i = 0; i < 30; i++) {
      const g = wgsToGcj(w[0], w[1]);
      const dx = lon - g[0], dy = lat - g[1];
      w = [w[0] + dx, w[1] + dy];
      if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
    }
    return w;
  }
  function bdToGcj(lon, lat) {
    const x = lon - 0.0065, y = lat - 0.006;
    const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    const t = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    return [z * Math.cos(t), z * Math.sin(t)];
  }
  function toCgcs(offset) {
    if (offset === 'gcj02') return (p) => gcjToWgs(p[0], p[1]);
    if (offset === 'bd09') return (p) => { const g = bdToGcj(p[0], p[1]); return gcjToWgs(g[0], g[1]); };
    return (p) => p;
  }

  // Pasted text → [[lon, lat], ...] (decimal or 度分秒, latitude first detected). Null when unsure.
  function parseCoordinates(text) {
    const value = /(?:([NSEWnsew东西南北])\s*)?(-?\d+(?:\.\d+)?)(?:\s*(°|度)\s*(?:(\d+(?:\.\d+)?)\s*(?:'|′|’|分)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:"|″|”|''|秒)\s*)?)?([NSEWnsew东西南北]?)/g;
    const values = [];
    let m;
    while ((m = value.exec(text)) !== null) {
      let v = Math.abs(parseFloat(m[2]));
      if (m[3]) v += parseFloat(m[4] || 0) / 60 + parseFloat(m[5] || 0) / 3600;
      if (m[2].startsWith('-') || /[SWsw南西]/.test((m[1] || '') + (m[6] || ''))) v = -v;
      values.push(v);
    }
    if (values.length < 2 || values.length % 2 !== 0) return null;
    const pairs = [];
    for (let i = 0; i < values.length; i += 2) {
      let lon = values[i], lat = values[i + 1];
      if (Math.abs(lon) <= 60 && Math.abs(lat) > 60) [lon, lat] = [lat, lon];
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
      pairs.push([lon, lat]);
    }
    return pairs;
  }
  function geometryFromPairs(pairs) {
    if (!pairs || !pairs.length) return null;
    if (pairs.length === 1) return { type: 'Point', coordinates: pairs[0] };
    if (pairs.length === 2) return { type: 'LineString', coordinates: pairs };
    const ring = pairs.slice();
    const a = ring[0], b = ring[ring.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) ring.push(a);
    return { type: 'Polygon', coordinates: [ring] };
  }
  function mapCoordinates(geometry, fn) {
    const walk = (c) => (typeof c[0] === 'number' ? fn(c) : c.map(walk));
    if (!geometry) return null;
    if (geometry.type === 'GeometryCollection') return { type: geometry.type, geometries: geometry.geometries.map((g) => mapCoordinates(g, fn)) };
    return { type: geometry.type, coordinates: walk(geometry.coordinates) };
  }
  function mapGeoJSON(g, fn) {
    if (!g || typeof g !== 'object') return null;
    if (g.type === 'FeatureCollection') return Object.assign({}, g, { features: (g.features || []).map((f) => mapGeoJSON(f, fn)) });
    if (g.type === 'Feature') return Object.assign({}, g, { geometry: mapGeoJSON(g.geometry, fn) });
    if (g.type === 'GeometryCollection') return Object.assign({}, g, { geometries: (g.geometries || []).map((x) => mapGeoJSON(x, fn)) });
    return Array.isArray(g.coordinates) ? mapCoordinates(g, fn) : null;
  }
  function looksGeographic(g) {
    let ok = true, any = false;
    mapGeoJSON(g, (p) => { any = true; if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) ok = false; return p; });
    return ok && any;
  }
  // KML (always WGS84 lon,lat) → a GeoJSON FeatureCollection: placemarks' points, lines and polygons with holes.
  function kmlToGeoJSON(text) {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length) return null;
    const byTag = (node, tag) => [...node.getElementsByTagNameNS('*', tag)];
    const coords = (node) => {
      const c = byTag(node, 'coordinates')[0];
      if (!c) return [];
      return c.textContent.trim().split(/\s+/).map((t) => t.split(',').slice(0, 2).map(Number)).filter((p) => p.length === 2 && p.every(isFinite));
    };
    const close = (ring) => { const a = ring[0], b = ring[ring.length - 1]; return a && (a[0] !== b[0] || a[1] !== b[1]) ? ring.concat([a]) : ring; };
    const features = [];
    for (const pm of byTag(doc, 'Placemark')) {
      const name = (byTag(pm, 'name')[0] || {}).textContent;
      const geoms = [];
      for (const poly of byTag(pm, 'Polygon')) {
        const outer = byTag(poly, 'outerBoundaryIs')[0];
        if (!outer) continue;
        const rings = [close(coords(outer))].concat(byTag(poly, 'innerBoundaryIs').map((i) => close(coords(i))));
        geoms.push({ type: 'Polygon', coordinates: rings });
      }
      for (const line of byTag(pm, 'LineString')) geoms.push({ type: 'LineString', coordinates: coords(line) });
      for (const pt of byTag(pm, 'Point')) { const c = coords(pt); if (c.length) geoms.push({ type: 'Point', coordinates: c[0] }); }
      for (const g of geoms) features.push({ type: 'Feature', properties: name ? { name } : {}, geometry: g });
    }
    return features.length ? { type: 'FeatureCollection', features } : null;
  }
  function geometryFromFile(name, text) {
    try {
      if (/\.kml$/i.test(name)) return kmlToGeoJSON(text);
      if (/\.(geo)?json$/i.test(name) || /^\s*\{/.test(text)) return JSON.parse(text);
    } catch (e) { /* the service reports what is wrong with the file */ }
    return null;
  }

  // ---------------------------------------------------------------- map
  let map = null, siteLayer = null, unitsLayer = null;
  const highlighted = new Set();
  function unitStyle(f) {
    const code = f.properties.code;
    const on = highlighted.has(code);
    return { color: on ? '#111827' : '#ffffff', weight: on ? 2.5 : 1, dashArray: on ? '6 4' : null, fillColor: UNIT_COLOUR[f.properties.unitClass] || '#dddddd', fillOpacity: 0.6 };
  }
  function initMap() {
    if (!window.L) {
      $('map').append(h('p', { class: 'map-missing' }, '地图组件未能加载（/vendor/leaflet），仍可正常筛查。'));
      return;
    }
    map = L.map('map', { zoomSnap: 0.25, attributionControl: false, keyboard: true }).setView([30.5, 111.7], 9);
    map.getContainer().setAttribute('tabindex', '0');
    map.on('click', (e) => placePoint(e.latlng));
    buildLegend();
    api('/api/map-layers').then(drawLayers).catch((e) => {
      $('status').textContent = '管控分区图层读取失败：' + e.message;
    });
  }
  function drawLayers(layers) {
    const overlays = {};
    const bounds = L.latLngBounds([]);
    if (layers.units) {
      unitsLayer = L.geoJSON(layers.units, {
        style: unitStyle,
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.name}<br>${f.properties.code} · ${UNIT_CLASS[f.properties.unitClass] || ''}${f.properties.subclass ? '（' + f.properties.subclass + '）' : ''}`, { sticky: true }),
      }).addTo(map);
      overlays['环境管控单元'] = unitsLayer;
      if (unitsLayer.getBounds().isValid()) bounds.extend(unitsLayer.getBounds());
    }
    if (layers.bands) {
      const sorted = layers.bands.features.slice().sort((a, b) => b.properties.distanceMetres - a.properties.distanceMetres);
      overlays['岸线距离带'] = L.geoJSON({ type: 'FeatureCollection', features: sorted }, {
        style: () => ({ color: '#60a5fa', weight: 1, dashArray: '4 4', fillColor: '#93c5fd', fillOpacity: 0.08 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.ruleId || ''} 岸线 ${num(f.properties.distanceMetres, 0)} 米范围（${(f.properties.rivers || []).map((r) => RIVER_CLASS[r] || r).join('、')}）`, { sticky: true }),
      }).addTo(map);
    }
    if (layers.sensitiveAreas) {
      overlays['敏感区'] = L.geoJSON(layers.sensitiveAreas, {
        style: () => ({ color: '#7c3aed', weight: 2, dashArray: '6 3', fillColor: '#c4b5fd', fillOpacity: 0.3 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.name}<br>${f.properties.kind || ''}${f.properties.level ? ' · ' + f.properties.level : ''}`, { sticky: true }),
      }).addTo(map);
    }
    if (layers.parks && layers.parks.features.length) {
      overlays['园区'] = L.geoJSON(layers.parks, {
        style: (f) => ({ color: f.properties.kind === 'chemical' ? '#b45309' : '#0f766e', weight: 2.5, dashArray: '2 4', fill: false }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.name}<br>${PARK_KIND[f.properties.kind] || ''}${f.properties.level ? ' · ' + f.properties.level : ''}`
          + ` · ${f.properties.compliant === true ? '合规（认定）园区' : f.properties.compliant === false ? '非合规园区' : '是否合规未注明'}`, { sticky: true }),
      }).addTo(map);
    }
    if (layers.redLines) {
      overlays['生态保护红线'] = L.geoJSON(layers.redLines, {
        style: () => ({ color: '#dc2626', weight: 2, fillColor: 'url(#zs-hatch)', fillOpacity: 1 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.name}<br>${f.properties.code}${f.properties.type ? ' · ' + f.properties.type : ''}`, { sticky: true }),
      }).addTo(map);
    }
    if (layers.shorelines) {
      overlays['长江干支流岸线'] = L.geoJSON(layers.shorelines, {
        style: (f) => ({ color: '#1d4ed8', weight: f.properties.riverClass === 'mainStream' ? 3 : f.properties.riverClass === 'importantTributary' ? 2.5 : 1.5 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.river}（${RIVER_CLASS[f.properties.riverClass] || f.properties.riverClass}）岸线`, { sticky: true }),
      }).addTo(map);
    }
    L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    if (siteLayer) siteLayer.bringToFront();
  }
  function buildLegend() {
    const item = (swatchClass, style, label) => h('li', {}, h('span', { class: 'sw ' + swatchClass, style, 'aria-hidden': 'true' }), label);
    $('legend').replaceChildren(h('ul', {},
      item('', `background:${UNIT_COLOUR[1]}`, '优先保护单元'),
      item('', `background:${UNIT_COLOUR[2]}`, '重点管控单元'),
      item('', `background:${UNIT_COLOUR[3]}`, '一般管控单元'),
      item('sw-red', '', '生态保护红线'),
      item('sw-line', '', '长江干支流岸线'),
      item('sw-band', '', '岸线距离带'),
      item('sw-sens', '', '敏感区（水源保护区等）'),
      item('sw-park', '', '园区（橙：化工园区）'),
      item('sw-site', '', '站点')));
  }
  function showSite(geometry, zoom) {
    if (!map) return;
    if (siteLayer) { map.removeLayer(siteLayer); siteLayer = null; }
    if (!geometry) return;
    siteLayer = L.geoJSON(geometry, {
      style: () => ({ color: '#111827', weight: 4, fillColor: '#fde047', fillOpacity: 0.55 }),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 10, color: '#111827', weight: 4, fillColor: '#facc15', fillOpacity: 1 }),
    }).addTo(map);
    siteLayer.bringToFront();
    if (zoom) {
      const b = siteLayer.getBounds();
      if (b.isValid()) map.fitBounds(b.pad(0.5), { maxZoom: 13, animate: false });
    }
  }
  // 适宜性地图: the region coloured by the verdict a site there would get for the form's profile.
  // In this mode a click on the map screens that spot at once (the same answer as its polygon).
  const SUITABILITY_COLOUR = { prohibited: '#b91c1c', restricted: '#ea580c', needsAssessment: '#ca8a04', compliant: '#15803d' };
  let suitabilityLayer = null;
  async function toggleSuitability() {
    const button = $('suitability'), note = $('suitability-status');
    if (suitabilityLayer) {
      map.removeLayer(suitabilityLayer);
      suitabilityLayer = null;
      button.setAttribute('aria-pressed', 'false');
      note.textContent = '';
      return;
    }
    const query = new URLSearchParams();
    const ind = industryValue();
    if (ind) query.set('industry', ind);
    query.set('nature', document.querySelector('input[name="nature"]:checked').value);
    const chem = document.querySelector('input[name="chemical"]:checked');
    if (chem && chem.value) query.set('chemical', chem.value);
    const productWords = $('products').value.trim();
    if (productWords) query.set('products', productWords);
    const investmentWords = $('investment').value.trim();
    if (investmentWords) query.set('investment', investmentWords);
    if (!$('editions').hidden && $('edition').value) query.set('edition', $('edition').value);
    button.disabled = true;
    note.textContent = '正在生成适宜性地图……';
    try {
      const geojson = await api('/api/suitability?' + query.toString());
      suitabilityLayer = L.geoJSON(geojson, {
        style: (f) => ({ color: SUITABILITY_COLOUR[f.properties.verdict] || '#666', weight: 0.6, fillOpacity: 0.45,
                         fillColor: SUITABILITY_COLOUR[f.properties.verdict] || '#666' }),
        onEachFeature: (f, layer) => layer.bindTooltip(`${f.properties.verdictName}${f.properties.rules.length ? '：' + f.properties.rules.join('、') : ''}`, { sticky: true }),
      }).addTo(map);
      const shares = {};
      for (const f of geojson.features) shares[f.properties.verdict] = (shares[f.properties.verdict] || 0) + f.properties.share;
      note.textContent = ['prohibited', 'restricted', 'needsAssessment', 'compliant']
        .map((v) => `${VERDICT[v].name} ${(100 * (shares[v] || 0)).toFixed(1)}%`).join('，') + '。点击地图任一处即可看到该处的结论和理由。';
      button.setAttribute('aria-pressed', 'true');
    } catch (err) {
      note.textContent = '';
      showError(err.message);
    } finally {
      button.disabled = false;
    }
  }
  function placePoint(latlng) {
    const text = `${latlng.lng.toFixed(7)},${latlng.lat.toFixed(7)}`;
    setSource('coords');
    $('coords').value = text;
    $('offset').value = 'wgs84';
    showSite({ type: 'Point', coordinates: [latlng.lng, latlng.lat] }, false);
    $('status').textContent = `已在地图上选点：${text}（天地图/GPS 坐标），按“开始预判”筛查。`;
    if (suitabilityLayer) $('screen-form').requestSubmit();
  }
  function zoomToUnits() {
    if (!map || !unitsLayer) return;
    const b = L.latLngBounds([]);
    unitsLayer.eachLayer((l) => { if (highlighted.has(l.feature.properties.code)) b.extend(l.getBounds()); });
    if (b.isValid()) map.fitBounds(b, { padding: [20, 20], animate: false });
  }
  function highlightUnits(codes) {
    highlighted.clear();
    codes.forEach((c) => highlighted.add(c));
    if (unitsLayer) unitsLayer.setStyle(unitStyle);
  }

  // ---------------------------------------------------------------- industry type-ahead
  const industry = { chosen: null, items: [], active: -1, timer: null, seq: 0 };
  function industryLabel(i) { return `${i.code} ${i.name}`; }
  function openList(open) {
    $('industry-list').hidden = !open;
    $('industry').setAttribute('aria-expanded', open ? 'true' : 'false');
    if (!open) { industry.active = -1; $('industry').removeAttribute('aria-activedescendant'); }
  }
  function renderList() {
    const list = $('industry-list');
    list.replaceChildren(...industry.items.map((it, i) => {
      const li = h('li', { id: `industry-opt-${i}`, role: 'option', 'aria-selected': i === industry.active ? 'true' : 'false', 'data-code': it.code },
        h('span', { class: 'code' }, it.code), ' ', h('span', { class: 'name' }, it.name),
        h('span', { class: 'path' }, `${INDUSTRY_LEVEL[it.level] || it.level || ''}${it.path && it.path.length ? ' · ' + it.path.join(' › ') : ''}`));
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => chooseIndustry(i));
      return li;
    }));
    if (industry.active >= 0) {
      $('industry').setAttribute('aria-activedescendant', `industry-opt-${industry.active}`);
      const node = $(`industry-opt-${industry.active}`);
      if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
    } else $('industry').removeAttribute('aria-activedescendant');
    openList(industry.items.length > 0);
    if (industry.active >= 0) $('industry').setAttribute('aria-activedescendant', `industry-opt-${industry.active}`);
  }
  function chooseIndustry(i) {
    const it = industry.items[i];
    if (!it) return;
    industry.chosen = it;
    $('industry').value = industryLabel(it);
    $('industry-chosen').textContent = `已选：${it.code} ${it.name}${it.path && it.path.length ? '（' + it.path.join(' › ') + '）' : ''}`;
    openList(false);
  }
  async function searchIndustries(q) {
    const seq = ++industry.seq;
    try {
      const body = await api(`/api/industries?q=${encodeURIComponent(q)}&limit=20`);
      if (seq !== industry.seq) return;
      industry.items = body.industries || [];
      industry.active = -1;
      renderList();
      const m = body.meaning;
      if (m) {
        // A word the lists use (钢铁, 两高): say what it covers; a screening needs one class of it.
        const covers = m.codes.map((c) => `${c.code} ${c.name}`).concat(m.chemical ? ['化工属性的项目'] : []).join('、');
        $('industry-chosen').textContent = `“${m.word}”在准入清单中指：${covers}（共 ${m.classCount} 个小类，请选择其中一个）`
          + (m.chemical ? '；化工属性请在“是否化工项目”中选“是”。' : '。');
      } else if (!industry.items.length) $('industry-chosen').textContent = `行业分类中没有找到“${q}”，可改用代码或其他关键词。`;
    } catch (e) {
      if (seq === industry.seq) { industry.items = []; openList(false); }
    }
  }
  function initIndustry() {
    const input = $('industry');
    input.addEventListener('input', () => {
      const q = input.value.trim();
      if (!industry.chosen || input.value !== industryLabel(industry.chosen)) {
        industry.chosen = null;
        $('industry-chosen').textContent = '';
      }
      clearTimeout(industry.timer);
      if (!q) { industry.items = []; openList(false); return; }
      industry.timer = setTimeout(() => searchIndustries(q), 180);
    });
    input.addEventListener('keydown', (e) => {
      const open = !$('industry-list').hidden && industry.items.length > 0;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!open) { if (industry.items.length) renderList(); else if (input.value.trim()) searchIndustries(input.value.trim()); e.preventDefault(); return; }
        const n = industry.items.length;
        industry.active = e.key === 'ArrowDown' ? (industry.active + 1) % n : (industry.active <= 0 ? n - 1 : industry.active - 1);
        renderList();
        e.preventDefault();
      } else if (e.key === 'Enter' && open && industry.active >= 0) {
        chooseIndustry(industry.active);
        e.preventDefault();
      } else if (e.key === 'Escape' && open) {
        openList(false);
        e.preventDefault();
      } else if (e.key === 'Tab' && open) {
        openList(false);
      }
    });
    input.addEventListener('blur', () => setTimeout(() => openList(false), 150));
  }
  function industryValue() {
    if (industry.chosen && $('industry').value === industryLabel(industry.chosen)) return industry.chosen.code;
    const text = $('industry').value.trim();
    const code = text.match(/^([A-Ta-t]\d{0,4}|\d{2,4})(\s|$)/);
    return code && text.includes(' ') ? code[1].toUpperCase() : text;
  }

  // ---------------------------------------------------------------- form
  function setSource(value) {
    for (const r of document.querySelectorAll('input[name="source"]')) r.checked = r.value === value;
    $('coords-box').hidden = value !== 'coords';
    $('file-box').hidden = value !== 'file';
  }
  function currentSource() { return document.querySelector('input[name="source"]:checked').value; }
  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }
  async function readFile(file) {
    const buffer = await file.arrayBuffer();
    // Binary formats (a zipped Shapefile, KMZ, GeoPackage, Excel) always travel as base64.
    if (/\.(zip|kmz|gpkg|xlsx)$/i.test(file.name)) {
      return { upload: { fileName: file.name, content: toBase64(buffer), contentEncoding: 'base64' }, text: null };
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
      return { upload: { fileName: file.name, content: text, contentEncoding: 'text' }, text };
    } catch (e) {
      // Not UTF-8 (e.g. a GBK 勘测定界 file): let the service decode it.
      let text = null;
      try { text = new TextDecoder('gb18030').decode(buffer); } catch (e2) { text = null; }
      return { upload: { fileName: file.name, content: toBase64(buffer), contentEncoding: 'base64' }, text };
    }
  }
  async function buildRequest() {
    const body = {};
    let drawn = null;
    if (currentSource() === 'coords') {
      const text = $('coords').value.trim();
      if (!text) throw new Error('请粘贴坐标，或在地图上点击选点，或改为上传边界文件。');
      body.coordinates = text;
      body.offset = $('offset').value;
      const pairs = parseCoordinates(text);
      if (pairs) drawn = geometryFromPairs(pairs.map(toCgcs(body.offset)));
    } else {
      const file = $('file').files[0];
      if (!file) throw new Error('请选择边界文件（GeoJSON、KML 或勘测定界 .txt）。');
      const read = await readFile(file);
      body.file = read.upload;
      // The page answers for one site: the parcels of a boundary file are one project's, screened together.
      body.mergeParcels = true;
      if (/\.kml$/i.test(file.name)) {
        const converted = read.text ? kmlToGeoJSON(read.text) : null;
        if (!converted) throw new Error(`无法读取 KML 文件 ${file.name}：没有找到点、线或面。`);
        body.file = { fileName: file.name.replace(/\.kml$/i, '.geojson'), content: JSON.stringify(converted), contentEncoding: 'text' };
      }
      body.offset = $('file-offset').value;
      if ($('crs').value.trim()) body.crs = $('crs').value.trim();
      if (read.text) {
        const g = geometryFromFile(file.name, read.text);
        if (g && looksGeographic(g)) drawn = body.offset === 'wgs84' ? g : mapGeoJSON(g, toCgcs(body.offset));
      }
    }
    const ind = industryValue();
    if (ind) body.industry = ind;
    body.nature = document.querySelector('input[name="nature"]:checked').value;
    const chem = document.querySelector('input[name="chemical"]:checked').value;
    if (chem) body.chemical = chem === 'true';
    const flags = [...document.querySelectorAll('input[name="flags"]:checked')].map((c) => c.value);
    // Sent when ticked, or when the user says the rest are "no": otherwise the flags are unanswered, and
    // rules that depend on one are listed as possibly applying.
    if (flags.length || $('flags-none').checked) body.flags = flags;
    const products = $('products').value.trim();
    if (products) body.products = products;
    const investment = $('investment').value.trim();
    if (investment) body.investment = investment;
    const name = $('site-name').value.trim();
    if (name) body.name = name;
    if (!$('editions').hidden) {
      if ($('edition').value) body.edition = $('edition').value;
      if ($('compare-edition').value && $('compare-edition').value !== $('edition').value) body.compareEdition = $('compare-edition').value;
    }
    return { body, drawn };
  }
  async function submit(e) {
    if (e) e.preventDefault();
    const error = $('error'), status = $('status'), button = $('submit');
    error.textContent = '';
    error.classList.remove('shown');
    let request;
    try { request = await buildRequest(); } catch (err) { showError(err.message); return; }
    button.disabled = true;
    status.textContent = '正在筛查……';
    $('result').setAttribute('aria-busy', 'true');
    try {
      const result = await api('/api/screen', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Accept-Language': 'zh-CN' }, body: JSON.stringify({ ...request.body, detail: 'full' }) });
      lastRequestBody = request.body;
      renderResult(result);
      const geometry = (result.site && result.site.geometry) || result.geometry || request.drawn;
      showSite(geometry, true);
      highlightUnits((result.controlUnits || []).map((u) => u.code));
      if (!geometry) zoomToUnits();
      status.textContent = `筛查完成：${result.verdictName || (VERDICT[result.verdict] || {}).name || result.verdict}。`;
      $('result').focus({ preventScroll: true });
      $('result').scrollIntoView({ block: 'start', behavior: 'smooth' });
    } catch (err) {
      showError(err.message);
      status.textContent = '';
    } finally {
      button.disabled = false;
      $('result').removeAttribute('aria-busy');
    }
  }
  // The printable report of the site just screened: the same request, answered as one HTML file.
  let lastRequestBody = null;
  async function downloadReport() {
    const button = $('download-report');
    if (!lastRequestBody || !button) return;
    button.disabled = true;
    try {
      const response = await fetch('/api/report', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' }, body: JSON.stringify(lastRequestBody) });
      if (!response.ok) {
        const reply = await response.json().catch(() => null);
        throw new Error((reply && reply.error && reply.error.message) || `HTTP ${response.status}`);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: '预判报告.html' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      $('status').textContent = '报告已下载：预判报告.html（可在浏览器中打印为 PDF）。';
    } catch (err) {
      showError(err.message);
    } finally {
      button.disabled = false;
    }
  }
  // Every industry class on this site at once, grouped by verdict and deciding rules, with a search box.
  async function showAllIndustries() {
    const button = $('all-industries');
    if (!lastRequestBody || !button) return;
    button.disabled = true;
    const target = $('industries-body');
    target.replaceChildren(h('p', { class: 'muted' }, '正在逐个行业判定……'));
    try {
      const body = Object.assign({}, lastRequestBody, { allIndustries: true });
      delete body.compareEdition;
      const r = await api('/api/screen', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Accept-Language': 'zh-CN' }, body: JSON.stringify(body) });
      const total = (r.groups || []).reduce((n, g) => n + g.industries.length, 0);
      const summary = ['prohibited', 'restricted', 'needsAssessment', 'compliant'].map((v) => `${(VERDICT[v] || {}).name || v} ${(r.counts || {})[v] || 0}`).join('，');
      const search = h('input', { id: 'industries-search', type: 'search', placeholder: '按代码或名称查找行业，如 C26 或 化学', 'aria-label': '查找行业' });
      const groups = (r.groups || []).map((g) => h('details', { class: `industry-group ${(VERDICT[g.verdict] || {}).css || ''}`, 'data-verdict': g.verdict },
        h('summary', {}, `${g.verdictName}：${g.rules.length ? g.rules.join('、') : '无限制性规定'}（${g.industries.length} 个小类）`),
        h('ul', {}, g.industries.map((i) => h('li', { 'data-search': `${i.code} ${i.name}`.toLowerCase() }, `${i.code} ${i.name}`)))));
      search.addEventListener('input', () => {
        const q = search.value.trim().toLowerCase();
        for (const d of target.querySelectorAll('details.industry-group')) {
          let shown = 0;
          for (const li of d.querySelectorAll('li')) { const hit = !q || li.dataset.search.includes(q); li.hidden = !hit; if (hit) shown += 1; }
          d.hidden = shown === 0;
          if (q) d.open = shown > 0;
        }
      });
      target.replaceChildren(h('h3', {}, `此地块可引进的行业（${total} 个小类${r.nature ? '，' + (NATURE[r.nature] || r.nature) : ''}）：${summary}`), search, ...groups);
    } catch (err) {
      target.replaceChildren();
      showError(err.message);
    } finally {
      button.disabled = false;
    }
  }
  function showError(message) {
    const error = $('error');
    error.replaceChildren(h('strong', {}, '无法筛查：'), message);
    error.classList.add('shown');
  }

  // ---------------------------------------------------------------- result
  function reasonItem(r) {
    const gap = r.undetermined;
    return h('li', { class: 'reason' + (gap ? ' undetermined' : ''), 'data-rule': r.ruleId || '' },
      h('div', { class: 'reason-head' }, effectBadge(r.effect), ' ', h('code', { class: 'rule' }, r.ruleId || ''),
        r.kind ? h('span', { class: 'muted small' }, ' ' + (REASON_KIND[r.kind] || r.kind)) : null,
        r.origin === 'national' ? h('span', { class: 'chip national', title: 'ZoneScreen 内置的国家层面规则' }, '国家规则') : null),
      h('p', { class: 'reason-text' }, r.text || ''),
      r.quote ? h('p', { class: 'reason-quote' }, '依据条款原文「', h('mark', {}, r.quote), '」',
        r.decidedBy ? h('span', { class: 'chip decided-' + r.decidedBy }, DECIDED[r.decidedBy] || r.decidedBy) : null) : null,
      r.detail ? h('p', { class: 'reason-detail' }, '适用原因：', r.detail) : null,
      gap ? h('p', { class: 'reason-gap' }, h('strong', {}, MISSING[gap.missing] || '需人工核对'), '：', gap.note || '') : null,
      r.source ? h('p', { class: 'cite' }, '出处：', h('cite', {}, source(r.source))) : null);
  }
  const TERRITORY = { nationwide: '全国', yangtzeBasin: '长江流域', yangtzeBelt: '长江经济带' };
  function nationalRulesText(n) {
    if (!n) return '—';
    if (!n.enabled) return '本数据集已关闭内置国家规则包';
    let text = `内置规则包 ${n.version || ''}（${(n.regions || []).map((x) => TERRITORY[x] || x).join('、')}）`;
    if ((n.dropped || []).length) text += `；已删去 ${n.dropped.join('、')}`;
    if ((n.overridden || []).length) text += `；已改写 ${n.overridden.join('、')}`;
    if ((n.partly || []).length) text += `；所在省份只有部分地区属于${n.partly.map((x) => TERRITORY[x] || x).join('、')}，已按属于处理`;
    if (n.regionUnknown) text += '；数据集未给出行政区划代码，各地域规则一律适用';
    return text;
  }
  function section(title, ...children) {
    return h('section', { class: 'block' }, h('h3', {}, title), ...children);
  }
  function renderResult(r) {
    const body = $('result-body');
    const v = VERDICT[r.verdict] || { name: r.verdictName || r.verdict, css: '', says: '' };
    const site = r.site || {};
    const profile = r.profile || {};
    const ds = r.dataset || {};
    const parts = [];

    if (ds.fictional) {
      parts.push(h('div', { class: 'banner in-result' }, h('strong', {}, '虚构示例数据'), `：本结果基于虚构的示例数据集“${ds.name || ''}”，仅供演示，不能用于实际项目。`));
    }

    const profileBits = [];
    if (profile.industry) profileBits.push(`${profile.industry}${profile.industryName ? ' ' + profile.industryName : ''}`);
    if (profile.nature) profileBits.push(NATURE[profile.nature] || profile.nature);
    if (profile.chemical !== undefined && profile.chemical !== null) profileBits.push(profile.chemical ? '化工项目' : '非化工项目');
    (profile.flags || []).forEach((f) => profileBits.push(FLAG[f] || f));
    if (profile.products) profileBits.push(`主要产品及其他情况：${profile.products}`);
    if (profile.investmentWanYuan) profileBits.push(`固定资产投资 ${profile.investmentWanYuan} 万元`);
    parts.push(h('div', { id: 'verdict', class: `verdict ${v.css}`, 'data-verdict': r.verdict || '' },
      h('p', { class: 'verdict-label' }, '预判结论'),
      h('p', { class: 'verdict-word', id: 'verdict-word' }, r.verdictName || v.name),
      h('p', { class: 'verdict-says' }, v.says),
      h('p', { class: 'verdict-site' }, site.name ? `站点：${site.name}` : `站点：${GEOMETRY[site.geometryType] || site.geometryType || ''}`,
        profileBits.length ? `　项目：${profileBits.join('，')}` : '　未填写项目情况')));

    const reasons = r.reasons || [];
    parts.push(section(`理由（${reasons.length} 条）`,
      reasons.length ? h('ol', { class: 'reasons', id: 'reasons' }, reasons.map(reasonItem))
        : h('p', { class: 'muted' }, '没有禁止、限制或须论证的规定适用于本项目。')));

    const possible = r.possibleReasons || [];
    if (possible.length) {
      parts.push(section(`视项目情况可能适用（${possible.length} 条，不计入结论）`,
        h('p', { class: 'help' }, '填写更完整的项目情况（行业代码、性质、是否化工等）后可以判定这些规定是否适用。'),
        h('ol', { class: 'reasons possible', id: 'possible-reasons' }, possible.map(reasonItem))));
    }

    // the site
    const siteRows = [
      ['几何类型', GEOMETRY[site.geometryType] || site.geometryType || '—'],
      ['输入坐标系', `${site.inputCRS || '—'}${site.webMapDatum ? '，坐标来源：' + (DATUM[site.webMapDatum] || site.webMapDatum) : ''}`],
    ];
    if (site.area) siteRows.push(['面积', `${area(site.area)}${site.area.method ? '（' + method(site.area) + '）' : ''}`]);
    if (site.length) siteRows.push(['长度', `${num(site.length.metres, 1)} 米${site.length.method ? '（' + method(site.length) + '）' : ''}`]);
    if (site.coveredShare !== undefined && site.coveredShare < 0.99999) siteRows.push(['数据集覆盖比例', pct(site.coveredShare)]);
    parts.push(section('站点', h('dl', { class: 'facts' }, siteRows.map(([k, val]) => [h('dt', {}, k), h('dd', {}, val)])),
      (site.notes || []).length ? h('ul', { class: 'notes' }, site.notes.map((n) => h('li', {}, typeof n === 'string' ? n : JSON.stringify(n)))) : null));

    // red lines
    const reds = r.redLines || [];
    parts.push(section('生态保护红线',
      reds.length ? table('站点涉及的生态保护红线', ['红线编码', '名称', '类型', '重叠', '占站点'],
        reds.map((x) => [x.code, x.name, x.type || '—', overlapText(x.overlap), pct(x.overlap && x.overlap.share)]))
        : h('p', { class: 'ok' }, '不涉及生态保护红线。')));

    // control units
    const units = r.controlUnits || [];
    parts.push(section('环境管控单元',
      r.onSharedBoundary ? h('p', { class: 'note' }, '站点落在相邻单元的共同边界上，同时属于下列每个单元。') : null,
      table('站点所在的环境管控单元', ['单元编码', '名称', '类别', '重叠', '占站点'],
        units.map((u) => [u.code, u.name,
          h('span', {}, h('span', { class: `chip c${u.unitClass}` }, u.className || UNIT_CLASS[u.unitClass] || u.unitClass), u.subclass ? ` ${u.subclass}` : ''),
          overlapText(u.overlap) + (u.onBoundary ? '（在边界上）' : ''), pct(u.overlap && u.overlap.share)]))));

    // shorelines
    const sh = r.shorelines;
    if (sh) {
      const near = (n) => n ? `${n.river}（${RIVER_CLASS[n.riverClass] || n.riverClass}）岸线 ${metres(n.distance)}` : '—';
      const bands = sh.bands || [];
      parts.push(section('长江干支流岸线',
        h('dl', { class: 'facts' },
          h('dt', {}, '最近的干流'), h('dd', {}, near(sh.nearestMainStream)),
          h('dt', {}, '最近的支流'), h('dd', {}, near(sh.nearestTributary)),
          h('dt', {}, '距离量算基线'), h('dd', {}, BASELINE[sh.baseline] || sh.baseline || '—')),
        bands.length ? table('岸线距离带（含边界：恰在带宽距离上的站点算在带内）', ['规则', '带宽', '适用河流', '最近岸线', '是否在带内'],
          bands.map((b) => [b.ruleId, `${num(b.distanceMetres, 0)} 米`, (b.rivers || []).map((x) => RIVER_CLASS[x] || x).join('、'),
            b.nearest ? `${b.nearest.river} ${metres(b.nearest.distance)}` : '—',
            b.inside ? h('strong', { class: 'in-band' }, '在带内') : h('span', { class: 'out-band' }, '带外')])) : null));
    }

    // sensitive areas
    const sens = r.sensitiveAreas || [];
    parts.push(section('敏感区',
      sens.length ? table('站点涉及的敏感区', ['编码', '名称', '类型', '级别', '重叠', '占站点'],
        sens.map((s) => [s.code || '—', s.name, s.kind || s.layer, s.level || '—', overlapText(s.overlap), pct(s.overlap && s.overlap.share)]))
        : h('p', { class: 'ok' }, '不涉及数据集中的敏感区。')));

    // parks
    if (r.parks) {
      parts.push(section('园区',
        r.parks.length ? table('站点所在的园区', ['名称', '类型', '级别', '是否合规（认定）园区', '重叠', '占站点'],
          r.parks.map((p) => [p.name + (p.code ? `（${p.code}）` : ''), PARK_KIND[p.kind] || p.kindName || p.kind, p.level || '—',
            p.compliant === undefined ? '未注明' : (p.compliant ? '是' : '否'), overlapText(p.overlap), pct(p.overlap && p.overlap.share)]))
          : h('p', {}, '不在数据集园区图层的任何园区内。')));
    }

    // clauses
    const clauses = r.clauses || [];
    const starred = (c) => c.conditional && c.concernsProject === 'concerns';
    const clauseNodes = [];
    for (const [dim, dimName] of DIMENSIONS) {
      const inDim = clauses.filter((c) => c.dimension === dim);
      if (!inDim.length) continue;
      const levelNodes = [];
      for (const [lvl, lvlName] of LEVELS) {
        const inLvl = inDim.filter((c) => c.level === lvl);
        if (!inLvl.length) continue;
        levelNodes.push(h('h5', {}, `${lvlName}（${inLvl.length}）`),
          h('ul', { class: 'clauses' }, inLvl.map((c) => h('li', { class: c.needsReview ? 'needs-review' : (starred(c) ? 'starred' : '') },
            starred(c) ? h('span', { class: 'star', title: '点名本项目的行业或性质', 'aria-label': '点名本项目' }, '★') : null,
            c.needsReview ? h('span', { class: 'review', title: `含“${c.reviewWord || ''}”，未能自动判定`, 'aria-label': '需人工核对' }, '！需人工核对 ') : null,
            effectBadge(c.effect), ' ', h('code', {}, c.id), ' ', c.text,
            h('span', { class: 'cite small' }, ' ', source(c.source), (c.units || []).length ? `；单元 ${c.units.join('、')}` : '')))));
      }
      const nStar = inDim.filter(starred).length;
      clauseNodes.push(h('details', { open: true, class: 'dim' },
        h('summary', {}, h('h4', {}, `${dimName}（${inDim.length} 条${nStar ? '，★ ' + nStar : ''}）`)), levelNodes));
    }
    const other = clauses.filter((c) => !DIMENSIONS.some(([d]) => d === c.dimension));
    if (other.length) clauseNodes.push(h('ul', { class: 'clauses' }, other.map((c) => h('li', {}, effectBadge(c.effect), ' ', h('code', {}, c.id), ' ', c.text))));
    const review = r.clausesNeedingReview || 0;
    parts.push(section(`适用的准入清单条款（${clauses.length} 条）`,
      h('p', { class: 'help' }, '按管控维度和层级列出站点适用的全部条款；★ 表示该条款点名了本项目的行业或性质；！表示条款含禁止、限制等字样而未能自动判定，需人工核对（按需论证计）。'),
      review ? h('p', { class: 'note', id: 'review-count' }, `其中 ${review} 条需人工核对。`) : null,
      clauseNodes.length ? clauseNodes : h('p', { class: 'muted' }, '没有适用的条款。')));

    // dataset
    parts.push(section('数据集与量算方法', h('dl', { class: 'facts' },
      h('dt', {}, '数据集'), h('dd', {}, `${ds.name || '—'}${ds.fictional ? '（虚构示例数据）' : ''}`),
      h('dt', {}, '地区'), h('dd', {}, ds.region || '—'),
      h('dt', {}, '版本'), h('dd', {}, `${ds.version || '—'}${ds.date ? '（' + ds.date + '）' : ''}`),
      h('dt', {}, '内容哈希'), h('dd', {}, h('code', { class: 'hash' }, ds.contentHash || '—')),
      h('dt', {}, '面积和距离量算'), h('dd', {}, `${method(ds.measurement) || '—'}${ds.workingCRS ? '，工作坐标系 ' + ds.workingCRS : ''}`),
      h('dt', {}, '岸线基线'), h('dd', {}, BASELINE[ds.shorelineBaseline] || ds.shorelineBaseline || '—'),
      h('dt', {}, '国家规则'), h('dd', {}, nationalRulesText(ds.nationalRules)))));

    if (r.comparison) {
      const c = r.comparison;
      const lines = [];
      const add = (label, items) => { if (items && items.length) lines.push(h('li', {}, `${label}${items.join('、')}`)); };
      add('新涉及单元：', c.unitsAdded); add('不再涉及单元：', c.unitsRemoved); add('单元编码变更：', c.unitsRecoded);
      add('新涉及红线：', c.redLinesAdded); add('不再涉及红线：', c.redLinesRemoved);
      add('进入岸线范围：', c.bandsEntered); add('离开岸线范围：', c.bandsLeft);
      add('新增理由：', c.reasonsAdded); add('不再适用的理由：', c.reasonsRemoved); add('原因（版本差异）：', c.causes);
      const direction = { stricter: '变严', looser: '变宽', same: '结论不变', onlyNew: '仅本版本可判定', onlyOld: '仅对比版本可判定', neither: '两版均无法判定' }[c.direction] || c.direction;
      const before = c.previousVerdict ? ((VERDICT[c.previousVerdict] || {}).name || c.previousVerdict) : '—';
      parts.splice(1, 0, h('section', { id: 'comparison', class: 'comparison' },
        h('h3', {}, `与版本 ${r.comparedWith || ''} 对比：${before} → ${r.verdictName || ''}（${direction}）`),
        lines.length ? h('ul', {}, lines) : h('p', {}, '两个版本下的结论、涉及的单元和红线、理由都相同。')));
    }
    const download = h('button', { id: 'download-report', type: 'button', class: 'secondary' }, '下载报告（可打印）');
    download.addEventListener('click', downloadReport);
    const industriesButton = h('button', { id: 'all-industries', type: 'button', class: 'secondary' }, '此地块可引进的行业');
    industriesButton.addEventListener('click', showAllIndustries);
    parts.push(h('section', { id: 'industries-panel', class: 'industries' }, industriesButton, h('div', { id: 'industries-body' })));
    parts.splice(Math.min(parts.length, ds.fictional ? 2 : 1), 0, h('div', { class: 'actions report-actions' }, download));
    body.replaceChildren(...parts);
    $('result').hidden = false;
  }

  // ---------------------------------------------------------------- start
  function init() {
    $('screen-form').addEventListener('submit', submit);
    for (const r of document.querySelectorAll('input[name="source"]')) r.addEventListener('change', () => setSource(r.value));
    $('coords').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('screen-form').requestSubmit(); }
    });
    $('reset').addEventListener('click', () => {
      $('screen-form').reset();
      industry.chosen = null;
      $('industry-chosen').textContent = '';
      $('error').textContent = '';
      $('error').classList.remove('shown');
      $('status').textContent = '';
      $('result').hidden = true;
      $('result-body').replaceChildren();
      setSource('coords');
      showSite(null);
      highlightUnits([]);
      $('coords').focus();
    });
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('details')) d.open = true;
      if (map) map.invalidateSize();
    });
    initIndustry();
    initMap();
    $('suitability').addEventListener('click', toggleSuitability);
    api('/api/dataset').then((ds) => {
      $('dataset-line').textContent = `数据集：${ds.name || '—'}${ds.version ? ' · 版本 ' + ds.version : ''}${ds.region ? ' · ' + ds.region : ''}`;
      // The flags the dataset's rules ask about, as checkboxes.
      for (const f of ds.flags || []) {
        FLAG[f.id] = f.name;
        if (!f.used) continue;
        const box = h('label', {}, h('input', { type: 'checkbox', name: 'flags', value: f.id }), ' ' + f.name);
        if (f.group === 'redLineActivity') {
          $('flags-activity').append(box);
          $('flags-activity-box').hidden = false;
        } else {
          $('flags-project').append(box);
        }
      }
      if (ds.fictional) {
        $('fictional-name').textContent = ds.name || '';
        $('fictional-banner').hidden = false;
      }
    }).catch((e) => { $('dataset-line').textContent = '数据集信息读取失败：' + e.message; });
    // Several editions: choose which answers, and one to compare with.
    api('/api/editions').then((list) => {
      const editions = (list && list.editions) || [];
      if (editions.length < 2) return;
      for (const e of editions) {
        const label = `${e.version}（${e.date}）${e.isDefault ? ' · 默认' : ''}`;
        $('edition').append(h('option', { value: e.key, selected: e.isDefault }, label));
        $('compare-edition').append(h('option', { value: e.key }, label));
      }
      $('editions').hidden = false;
    }).catch(() => {});
  }
  // Exposed for the browser test and for debugging in the console.
  window.ZoneScreen = { parseCoordinates, gcjToWgs, wgsToGcj, bdToGcj };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
