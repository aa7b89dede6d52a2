module.exports = {
  displayName: 'tracking',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/tracking',
};
