module.exports = {
  displayName: 'coherence',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/coherence',
};
